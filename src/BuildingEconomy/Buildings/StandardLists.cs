namespace BuildingEconomy.Buildings;

/// <summary>The themes and facilities every installation starts with; administrators extend the lists from there.</summary>
public static class StandardLists
{
    public static readonly Theme[] Themes =
    [
        new() { Id = 1, Code = "finance", Name = "金融", NameEn = "Finance", SortOrder = 1 },
        new() { Id = 2, Code = "electronics-trade", Name = "电子商贸", NameEn = "Electronics trade", SortOrder = 2 },
        new() { Id = 3, Code = "professional-services", Name = "中介服务", NameEn = "Professional services", SortOrder = 3 },
        new() { Id = 4, Code = "technology", Name = "科技", NameEn = "Technology", SortOrder = 4 },
        new() { Id = 5, Code = "cultural-creative", Name = "文创", NameEn = "Cultural and creative", SortOrder = 5 },
        new() { Id = 6, Code = "headquarters", Name = "总部", NameEn = "Headquarters", SortOrder = 6 },
        new() { Id = 7, Code = "cross-border-ecommerce", Name = "跨境电商", NameEn = "Cross-border e-commerce", SortOrder = 7 },
    ];

    public static readonly Facility[] Facilities =
    [
        new() { Id = 1, Code = "office-automation", Name = "办公自动化", NameEn = "Office automation", SortOrder = 1 },
        new() { Id = 2, Code = "intelligent-fire-alarm", Name = "消防报警智能化", NameEn = "Intelligent fire alarm", SortOrder = 2 },
        new() { Id = 3, Code = "security-monitoring", Name = "安防监控", NameEn = "Security monitoring", SortOrder = 3 },
        new() { Id = 4, Code = "central-air-conditioning", Name = "中央空调", NameEn = "Central air-conditioning", SortOrder = 4 },
        new() { Id = 5, Code = "dual-power-supply", Name = "双回路供电", NameEn = "Dual power supply", SortOrder = 5 },
        new() { Id = 6, Code = "fibre", Name = "光纤入户", NameEn = "Fibre to the office", SortOrder = 6 },
        new() { Id = 7, Code = "canteen", Name = "食堂", NameEn = "Canteen", SortOrder = 7 },
        new() { Id = 8, Code = "conference-centre", Name = "会议中心", NameEn = "Conference centre", SortOrder = 8 },
        new() { Id = 9, Code = "gym", Name = "健身房", NameEn = "Gym", SortOrder = 9 },
        new() { Id = 10, Code = "ev-charging", Name = "新能源充电桩", NameEn = "EV charging", SortOrder = 10 },
    ];
}
