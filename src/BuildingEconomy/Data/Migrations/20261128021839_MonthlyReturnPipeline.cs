using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace BuildingEconomy.Data.Migrations
{
    /// <inheritdoc />
    public partial class MonthlyReturnPipeline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "failed_at",
                table: "monthly_returns",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "failure_count",
                table: "monthly_returns",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "last_failure",
                table: "monthly_returns",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "request_fingerprint",
                table: "monthly_returns",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "return_rejections",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    building_id = table.Column<int>(type: "integer", nullable: true),
                    period = table.Column<DateOnly>(type: "date", nullable: true),
                    channel = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    submitted_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    problems = table.Column<string>(type: "jsonb", nullable: false),
                    idempotency_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    request_fingerprint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_return_rejections", x => x.id);
                    table.ForeignKey(
                        name: "fk_return_rejections_buildings_building_id",
                        column: x => x.building_id,
                        principalTable: "buildings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_monthly_returns_failed",
                table: "monthly_returns",
                column: "failed_at",
                filter: "failed_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_monthly_returns_one_applied_per_month",
                table: "monthly_returns",
                columns: new[] { "building_id", "period" },
                unique: true,
                filter: "status = 'Applied'");

            migrationBuilder.CreateIndex(
                name: "ix_return_rejections_building_id_period",
                table: "return_rejections",
                columns: new[] { "building_id", "period" });

            migrationBuilder.CreateIndex(
                name: "ix_return_rejections_idempotency_key",
                table: "return_rejections",
                column: "idempotency_key",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "return_rejections");

            migrationBuilder.DropIndex(
                name: "ix_monthly_returns_failed",
                table: "monthly_returns");

            migrationBuilder.DropIndex(
                name: "ix_monthly_returns_one_applied_per_month",
                table: "monthly_returns");

            migrationBuilder.DropColumn(
                name: "failed_at",
                table: "monthly_returns");

            migrationBuilder.DropColumn(
                name: "failure_count",
                table: "monthly_returns");

            migrationBuilder.DropColumn(
                name: "last_failure",
                table: "monthly_returns");

            migrationBuilder.DropColumn(
                name: "request_fingerprint",
                table: "monthly_returns");
        }
    }
}
