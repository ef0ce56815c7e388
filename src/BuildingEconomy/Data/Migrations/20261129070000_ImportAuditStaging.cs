using BuildingEconomy.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BuildingEconomy.Data.Migrations
{
    /// <summary>
    /// Where the register import COPYs new spaces' audit entries on a second connection while it COPYs the spaces
    /// (RegisterImport.InsertSpacesAsync), before moving them into audit_entries inside its transaction. Turning the
    /// entries' JSON into jsonb was a quarter of a national import. Unlogged: it holds rows for the length of one
    /// import (imports run one at a time), and a crash loses nothing stored. In SQL only: no entity maps to it.
    /// </summary>
    [DbContext(typeof(BuildingEconomyDbContext))]
    [Migration("20261129070000_ImportAuditStaging")]
    public partial class ImportAuditStaging : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
            CREATE UNLOGGED TABLE import_audit_staging (
                at timestamptz NOT NULL,
                user_id varchar(450),
                user_name varchar(300) NOT NULL,
                action varchar(32) NOT NULL,
                entity_type varchar(64) NOT NULL,
                entity_id varchar(200) NOT NULL,
                after jsonb);
            """);

        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("DROP TABLE import_audit_staging;");
    }
}
