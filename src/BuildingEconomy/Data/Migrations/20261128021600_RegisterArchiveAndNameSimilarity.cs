using BuildingEconomy.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BuildingEconomy.Data.Migrations
{
    /// <summary>
    /// Enterprises and tenancies can be archived like buildings and spaces; building names get a trigram index for
    /// duplicate detection (similar name within 50 m) and name search. Written by hand, with the snapshot updated to
    /// match, because other features' model changes were pending in the shared model at the time.
    /// </summary>
    [DbContext(typeof(BuildingEconomyDbContext))]
    [Migration("20261128021600_RegisterArchiveAndNameSimilarity")]
    public partial class RegisterArchiveAndNameSimilarity : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "archived",
                table: "tenancies",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "archived",
                table: "enterprises",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "ix_buildings_name_trgm",
                table: "buildings",
                column: "name")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(name: "ix_buildings_name_trgm", table: "buildings");
            migrationBuilder.DropColumn(name: "archived", table: "tenancies");
            migrationBuilder.DropColumn(name: "archived", table: "enterprises");
        }
    }
}
