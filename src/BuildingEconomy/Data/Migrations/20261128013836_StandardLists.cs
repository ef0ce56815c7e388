using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace BuildingEconomy.Data.Migrations
{
    /// <inheritdoc />
    public partial class StandardLists : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.InsertData(
                table: "facilities",
                columns: new[] { "id", "code", "name", "name_en", "retired", "sort_order" },
                values: new object[,]
                {
                    { 1, "office-automation", "办公自动化", "Office automation", false, 1 },
                    { 2, "intelligent-fire-alarm", "消防报警智能化", "Intelligent fire alarm", false, 2 },
                    { 3, "security-monitoring", "安防监控", "Security monitoring", false, 3 },
                    { 4, "central-air-conditioning", "中央空调", "Central air-conditioning", false, 4 },
                    { 5, "dual-power-supply", "双回路供电", "Dual power supply", false, 5 },
                    { 6, "fibre", "光纤入户", "Fibre to the office", false, 6 },
                    { 7, "canteen", "食堂", "Canteen", false, 7 },
                    { 8, "conference-centre", "会议中心", "Conference centre", false, 8 },
                    { 9, "gym", "健身房", "Gym", false, 9 },
                    { 10, "ev-charging", "新能源充电桩", "EV charging", false, 10 }
                });

            migrationBuilder.InsertData(
                table: "themes",
                columns: new[] { "id", "code", "name", "name_en", "retired", "sort_order" },
                values: new object[,]
                {
                    { 1, "finance", "金融", "Finance", false, 1 },
                    { 2, "electronics-trade", "电子商贸", "Electronics trade", false, 2 },
                    { 3, "professional-services", "中介服务", "Professional services", false, 3 },
                    { 4, "technology", "科技", "Technology", false, 4 },
                    { 5, "cultural-creative", "文创", "Cultural and creative", false, 5 },
                    { 6, "headquarters", "总部", "Headquarters", false, 6 },
                    { 7, "cross-border-ecommerce", "跨境电商", "Cross-border e-commerce", false, 7 }
                });

            // Seeded rows carry explicit ids; move the identity sequences past them so administrators' additions get fresh ids.
            migrationBuilder.Sql("SELECT setval(pg_get_serial_sequence('themes', 'id'), 100); SELECT setval(pg_get_serial_sequence('facilities', 'id'), 100);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DeleteData(
                table: "facilities",
                keyColumn: "id",
                keyValue: 1);

            migrationBuilder.DeleteData(
                table: "facilities",
                keyColumn: "id",
                keyValue: 2);

            migrationBuilder.DeleteData(
                table: "facilities",
                keyColumn: "id",
                keyValue: 3);

            migrationBuilder.DeleteData(
                table: "facilities",
                keyColumn: "id",
                keyValue: 4);

            migrationBuilder.DeleteData(
                table: "facilities",
                keyColumn: "id",
                keyValue: 5);

            migrationBuilder.DeleteData(
                table: "facilities",
                keyColumn: "id",
                keyValue: 6);

            migrationBuilder.DeleteData(
                table: "facilities",
                keyColumn: "id",
                keyValue: 7);

            migrationBuilder.DeleteData(
                table: "facilities",
                keyColumn: "id",
                keyValue: 8);

            migrationBuilder.DeleteData(
                table: "facilities",
                keyColumn: "id",
                keyValue: 9);

            migrationBuilder.DeleteData(
                table: "facilities",
                keyColumn: "id",
                keyValue: 10);

            migrationBuilder.DeleteData(
                table: "themes",
                keyColumn: "id",
                keyValue: 1);

            migrationBuilder.DeleteData(
                table: "themes",
                keyColumn: "id",
                keyValue: 2);

            migrationBuilder.DeleteData(
                table: "themes",
                keyColumn: "id",
                keyValue: 3);

            migrationBuilder.DeleteData(
                table: "themes",
                keyColumn: "id",
                keyValue: 4);

            migrationBuilder.DeleteData(
                table: "themes",
                keyColumn: "id",
                keyValue: 5);

            migrationBuilder.DeleteData(
                table: "themes",
                keyColumn: "id",
                keyValue: 6);

            migrationBuilder.DeleteData(
                table: "themes",
                keyColumn: "id",
                keyValue: 7);
        }
    }
}
