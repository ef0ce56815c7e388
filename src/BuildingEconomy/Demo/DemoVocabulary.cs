namespace BuildingEconomy.Demo;

/// <summary>The words fictional districts are made of. Nothing here names a real building or enterprise on purpose.</summary>
internal static class DemoVocabulary
{
    public static readonly (string Name, string NameEn)[] DemoSubdistricts =
    [
        ("明湖街道", "Minghu"), ("金桥街道", "Jinqiao"), ("望海街道", "Wanghai"), ("科苑街道", "Keyuan"),
        ("南岭街道", "Nanling"), ("桃源街道", "Taoyuan"), ("滨河街道", "Binhe"), ("新港街道", "Xingang"),
    ];

    public static readonly (string Name, string NameEn)[] PlaceSyllables =
    [
        ("明", "Ming"), ("金", "Jin"), ("望", "Wang"), ("科", "Ke"), ("南", "Nan"), ("桃", "Tao"), ("滨", "Bin"),
        ("新", "Xin"), ("安", "An"), ("华", "Hua"), ("东", "Dong"), ("西", "Xi"), ("海", "Hai"), ("山", "Shan"),
        ("河", "He"), ("湖", "Hu"), ("源", "Yuan"), ("岭", "Ling"), ("港", "Gang"), ("桥", "Qiao"), ("苑", "Yuan"),
        ("德", "De"), ("兴", "Xing"), ("和", "He"), ("平", "Ping"), ("泰", "Tai"), ("瑞", "Rui"), ("丰", "Feng"),
    ];

    public static readonly string[] BuildingPrefixes =
    [
        "国贸", "金融", "汇金", "星河", "创智", "天合", "世纪", "环宇", "鼎盛", "腾越", "云谷", "海岸", "明珠",
        "嘉泰", "丰汇", "中融", "华瀚", "信和", "恒运", "盛世", "锦绣", "长城", "国际", "银座", "凯旋", "润泽",
        "东方", "前湾", "卓远", "瑞丰", "泰和", "新城", "智汇", "科创", "龙腾", "天悦", "安和", "宏图", "博雅",
    ];

    public static readonly string[] OfficeSuffixes = ["大厦", "中心", "广场", "国际中心", "金融中心", "商务中心", "大楼", "国际大厦"];
    public static readonly string[] ComplexSuffixes = ["广场", "城", "汇", "天地", "中心"];
    public static readonly string[] ParkSuffixes = ["科技园", "创意园", "产业园", "智谷", "软件园"];
    public static readonly string[] MixedSuffixes = ["公寓", "公馆", "国际公寓", "商务公寓"];
    public static readonly string[] Phases = ["A座", "B座", "C座", "一期", "二期", "三期", "东座", "西座", "南塔", "北塔"];

    public static readonly string[] Roads =
    [
        "明珠大道", "滨海大道", "科技路", "金融街", "中心路", "新港路", "望海路", "桃源路", "南岭路", "金桥路",
        "创业路", "学府路", "工业大道", "迎宾路", "人民路", "建设路", "文化路", "海德路", "白石路", "沙河路",
    ];

    public static readonly string[] TradeNames =
    [
        "华信", "博远", "中恒", "嘉禾", "瑞达", "鑫源", "卓越", "宏泰", "天成", "海纳", "致远", "盛通", "启明", "优创",
        "联合", "合众", "金石", "正道", "汇通", "永信", "安泰", "睿智", "恒达", "新锐", "领航", "融创", "远景", "明德",
        "同创", "九州", "四海", "长青", "立信", "弘毅", "思源", "易达", "星辰", "云帆", "腾达", "众诚", "宇航", "锦程",
    ];

    /// <summary>Line of business, its GB/T 4754 section, and the share of enterprises in it.</summary>
    public static readonly (string Words, string Section, int Weight)[] Industries =
    [
        ("信息技术", "I", 14), ("网络科技", "I", 10), ("软件开发", "I", 8), ("金融服务", "J", 6), ("投资管理", "J", 6),
        ("商务咨询", "L", 10), ("企业管理", "L", 6), ("律师事务所", "L", 2), ("供应链管理", "L", 5), ("电子商务", "F", 8),
        ("贸易", "F", 8), ("建筑设计", "M", 4), ("检测技术", "M", 3), ("文化传媒", "R", 5), ("房地产经纪", "K", 2),
        ("教育科技", "P", 2), ("医疗科技", "Q", 1),
    ];

    /// <summary>Places enterprises registered outside the platform's districts are registered in.</summary>
    public static readonly (string Code, string Place)[] RegisteredElsewhere =
    [
        ("110105", "北京市朝阳区"), ("110108", "北京市海淀区"), ("310115", "上海市浦东新区"), ("440305", "深圳市南山区"),
        ("440304", "深圳市福田区"), ("440106", "广州市天河区"), ("330106", "杭州市西湖区"), ("510107", "成都市武侯区"),
        ("320506", "苏州市吴中区"), ("120116", "天津市滨海新区"),
    ];

    public static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高"];
    public static readonly string[] GivenNames = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "建华", "志强", "海燕", "晓东"];
    public static readonly string[] OfficialTitles = ["区发展和改革局局长", "区投资推广署副署长", "区商务局局长", "街道党工委书记", "街道办事处主任", "区政府副区长"];
}
