using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BuildingEconomy.Data.Migrations
{
    /// <inheritdoc />
    public partial class CheaperAuditIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_audit_entries_at",
                table: "audit_entries");

            migrationBuilder.DropIndex(
                name: "ix_audit_entries_user_id",
                table: "audit_entries");

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_at",
                table: "audit_entries",
                column: "at")
                .Annotation("Npgsql:IndexMethod", "brin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_audit_entries_at",
                table: "audit_entries");

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_at",
                table: "audit_entries",
                column: "at",
                descending: new bool[0]);

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_user_id",
                table: "audit_entries",
                column: "user_id");
        }
    }
}
