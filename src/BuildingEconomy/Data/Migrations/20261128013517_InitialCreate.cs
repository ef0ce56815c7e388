using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using NetTopologySuite.Geometries;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace BuildingEconomy.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,")
                .Annotation("Npgsql:PostgresExtension:postgis", ",,");

            migrationBuilder.CreateTable(
                name: "districts",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    admin_code = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: false),
                    name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    name_en = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    boundary = table.Column<MultiPolygon>(type: "geometry (multipolygon, 4326)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_districts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "enterprises",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    credit_code = table.Column<string>(type: "character(18)", fixedLength: true, maxLength: 18, nullable: false),
                    name = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    industry_section = table.Column<string>(type: "character(1)", fixedLength: true, maxLength: 1, nullable: true),
                    registered_district_code = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: true),
                    registered_place = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_enterprises", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "facilities",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    name_en = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    sort_order = table.Column<int>(type: "integer", nullable: false),
                    retired = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_facilities", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "themes",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    name_en = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    sort_order = table.Column<int>(type: "integer", nullable: false),
                    retired = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_themes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "subdistricts",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    name_en = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    boundary = table.Column<MultiPolygon>(type: "geometry (multipolygon, 4326)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_subdistricts", x => x.id);
                    table.ForeignKey(
                        name: "fk_subdistricts_districts_district_id",
                        column: x => x.district_id,
                        principalTable: "districts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "buildings",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    external_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    aliases = table.Column<List<string>>(type: "text[]", nullable: false),
                    address = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    subdistrict_id = table.Column<int>(type: "integer", nullable: true),
                    district_id = table.Column<int>(type: "integer", nullable: true),
                    location = table.Column<Point>(type: "geography (point, 4326)", nullable: false),
                    footprint = table.Column<MultiPolygon>(type: "geometry (multipolygon, 4326)", nullable: true),
                    grade = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    use = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    construction_status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    completion_year = table.Column<int>(type: "integer", nullable: true),
                    gross_floor_area = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    for_sale_area = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    for_rent_area = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    self_use_area = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    floors_above_ground = table.Column<int>(type: "integer", nullable: false),
                    floors_below_ground = table.Column<int>(type: "integer", nullable: false),
                    passenger_elevators = table.Column<int>(type: "integer", nullable: false),
                    freight_elevators = table.Column<int>(type: "integer", nullable: false),
                    parking_above_ground = table.Column<int>(type: "integer", nullable: false),
                    parking_below_ground = table.Column<int>(type: "integer", nullable: false),
                    theme_id = table.Column<int>(type: "integer", nullable: true),
                    property_company = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    required_to_report = table.Column<bool>(type: "boolean", nullable: false),
                    archived = table.Column<bool>(type: "boolean", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    one_to_one_contact = table.Column<string>(type: "jsonb", nullable: true),
                    property_contacts = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_buildings", x => x.id);
                    table.ForeignKey(
                        name: "fk_buildings_districts_district_id",
                        column: x => x.district_id,
                        principalTable: "districts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_buildings_subdistricts_subdistrict_id",
                        column: x => x.subdistrict_id,
                        principalTable: "subdistricts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_buildings_themes_theme_id",
                        column: x => x.theme_id,
                        principalTable: "themes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "building_facilities",
                columns: table => new
                {
                    building_id = table.Column<int>(type: "integer", nullable: false),
                    facilities_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_building_facilities", x => new { x.building_id, x.facilities_id });
                    table.ForeignKey(
                        name: "fk_building_facilities_buildings_building_id",
                        column: x => x.building_id,
                        principalTable: "buildings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_building_facilities_facilities_facilities_id",
                        column: x => x.facilities_id,
                        principalTable: "facilities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "building_month_figures",
                columns: table => new
                {
                    building_id = table.Column<int>(type: "integer", nullable: false),
                    period = table.Column<DateOnly>(type: "date", nullable: false),
                    return_id = table.Column<long>(type: "bigint", nullable: false),
                    district_id = table.Column<int>(type: "integer", nullable: true),
                    subdistrict_id = table.Column<int>(type: "integer", nullable: true),
                    grade = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    use = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    theme_id = table.Column<int>(type: "integer", nullable: true),
                    for_sale_area = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    for_rent_area = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    sold_area = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    leased_area = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    self_use_area = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    resident_area = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    marketed_area = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    resident_enterprises = table.Column<int>(type: "integer", nullable: false),
                    locally_registered_enterprises = table.Column<int>(type: "integer", nullable: false),
                    locally_registered_area = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    tax_amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    tax_basis = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_building_month_figures", x => new { x.building_id, x.period });
                    table.ForeignKey(
                        name: "fk_building_month_figures_buildings_building_id",
                        column: x => x.building_id,
                        principalTable: "buildings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "monthly_returns",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    building_id = table.Column<int>(type: "integer", nullable: false),
                    period = table.Column<DateOnly>(type: "date", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    supersedes_id = table.Column<long>(type: "bigint", nullable: true),
                    correction_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    channel = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    idempotency_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    submitted_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    applied_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    for_sale_area = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    for_rent_area = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    sold_area = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    leased_area = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    self_use_area = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    resident_area = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_monthly_returns", x => x.id);
                    table.ForeignKey(
                        name: "fk_monthly_returns_buildings_building_id",
                        column: x => x.building_id,
                        principalTable: "buildings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_monthly_returns_monthly_returns_supersedes_id",
                        column: x => x.supersedes_id,
                        principalTable: "monthly_returns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "spaces",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    building_id = table.Column<int>(type: "integer", nullable: false),
                    external_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    floor = table.Column<int>(type: "integer", nullable: false),
                    unit = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    area = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    tenure = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    asking_rent = table.Column<decimal>(type: "numeric(8,2)", precision: 8, scale: 2, nullable: true),
                    sale_price = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    fit_out = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    available_from = table.Column<DateOnly>(type: "date", nullable: true),
                    divisible = table.Column<bool>(type: "boolean", nullable: false),
                    min_divisible_area = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    archived = table.Column<bool>(type: "boolean", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_spaces", x => x.id);
                    table.ForeignKey(
                        name: "fk_spaces_buildings_building_id",
                        column: x => x.building_id,
                        principalTable: "buildings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "return_lines",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    return_id = table.Column<long>(type: "bigint", nullable: false),
                    line_number = table.Column<int>(type: "integer", nullable: false),
                    credit_code = table.Column<string>(type: "character(18)", fixedLength: true, maxLength: 18, nullable: false),
                    enterprise_name = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    units = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    area = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    purchased = table.Column<bool>(type: "boolean", nullable: false),
                    state = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    moved_in_on = table.Column<DateOnly>(type: "date", nullable: true),
                    registered_locally = table.Column<bool>(type: "boolean", nullable: false),
                    registered_place = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    employees = table.Column<int>(type: "integer", nullable: true),
                    industry_section = table.Column<string>(type: "character(1)", fixedLength: true, maxLength: 1, nullable: true),
                    tax_amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    tax_basis = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_return_lines", x => x.id);
                    table.ForeignKey(
                        name: "fk_return_lines_monthly_returns_return_id",
                        column: x => x.return_id,
                        principalTable: "monthly_returns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "tenancies",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    building_id = table.Column<int>(type: "integer", nullable: false),
                    enterprise_id = table.Column<int>(type: "integer", nullable: false),
                    space_id = table.Column<long>(type: "bigint", nullable: true),
                    units = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    area = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    purchased = table.Column<bool>(type: "boolean", nullable: false),
                    signed_on = table.Column<DateOnly>(type: "date", nullable: false),
                    moved_in_on = table.Column<DateOnly>(type: "date", nullable: true),
                    moved_out_on = table.Column<DateOnly>(type: "date", nullable: true),
                    registered_locally = table.Column<bool>(type: "boolean", nullable: false),
                    employees = table.Column<int>(type: "integer", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tenancies", x => x.id);
                    table.ForeignKey(
                        name: "fk_tenancies_buildings_building_id",
                        column: x => x.building_id,
                        principalTable: "buildings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_tenancies_enterprises_enterprise_id",
                        column: x => x.enterprise_id,
                        principalTable: "enterprises",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_tenancies_spaces_space_id",
                        column: x => x.space_id,
                        principalTable: "spaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "ix_building_facilities_facilities_id",
                table: "building_facilities",
                column: "facilities_id");

            migrationBuilder.CreateIndex(
                name: "ix_building_month_figures_period_subdistrict_id",
                table: "building_month_figures",
                columns: new[] { "period", "subdistrict_id" });

            migrationBuilder.CreateIndex(
                name: "ix_buildings_district_id",
                table: "buildings",
                column: "district_id");

            migrationBuilder.CreateIndex(
                name: "ix_buildings_external_key",
                table: "buildings",
                column: "external_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_buildings_location",
                table: "buildings",
                column: "location")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_buildings_subdistrict_id",
                table: "buildings",
                column: "subdistrict_id");

            migrationBuilder.CreateIndex(
                name: "ix_buildings_theme_id",
                table: "buildings",
                column: "theme_id");

            migrationBuilder.CreateIndex(
                name: "ix_districts_admin_code",
                table: "districts",
                column: "admin_code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_districts_boundary",
                table: "districts",
                column: "boundary")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_enterprises_credit_code",
                table: "enterprises",
                column: "credit_code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_facilities_code",
                table: "facilities",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_monthly_returns_building_id_period_version",
                table: "monthly_returns",
                columns: new[] { "building_id", "period", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_monthly_returns_idempotency_key",
                table: "monthly_returns",
                column: "idempotency_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_monthly_returns_supersedes_id",
                table: "monthly_returns",
                column: "supersedes_id");

            migrationBuilder.CreateIndex(
                name: "ix_return_lines_return_id_line_number",
                table: "return_lines",
                columns: new[] { "return_id", "line_number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_spaces_building_id_external_key",
                table: "spaces",
                columns: new[] { "building_id", "external_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_subdistricts_boundary",
                table: "subdistricts",
                column: "boundary")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_subdistricts_code",
                table: "subdistricts",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_subdistricts_district_id",
                table: "subdistricts",
                column: "district_id");

            migrationBuilder.CreateIndex(
                name: "ix_tenancies_building_id",
                table: "tenancies",
                column: "building_id");

            migrationBuilder.CreateIndex(
                name: "ix_tenancies_enterprise_id",
                table: "tenancies",
                column: "enterprise_id");

            migrationBuilder.CreateIndex(
                name: "ix_tenancies_space_id",
                table: "tenancies",
                column: "space_id");

            migrationBuilder.CreateIndex(
                name: "ix_themes_code",
                table: "themes",
                column: "code",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "building_facilities");

            migrationBuilder.DropTable(
                name: "building_month_figures");

            migrationBuilder.DropTable(
                name: "return_lines");

            migrationBuilder.DropTable(
                name: "tenancies");

            migrationBuilder.DropTable(
                name: "facilities");

            migrationBuilder.DropTable(
                name: "monthly_returns");

            migrationBuilder.DropTable(
                name: "enterprises");

            migrationBuilder.DropTable(
                name: "spaces");

            migrationBuilder.DropTable(
                name: "buildings");

            migrationBuilder.DropTable(
                name: "subdistricts");

            migrationBuilder.DropTable(
                name: "themes");

            migrationBuilder.DropTable(
                name: "districts");
        }
    }
}
