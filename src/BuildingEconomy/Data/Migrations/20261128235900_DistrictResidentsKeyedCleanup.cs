using BuildingEconomy.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BuildingEconomy.Data.Migrations
{
    /// <summary>
    /// district_residents_add (migration DashboardRollups) removed the enterprises whose last tenancy in a district
    /// ended by scanning the whole table, 1.3 million rows at national size: every statement that changed a tenancy
    /// took about 50 ms, so a month of returns in which each building's roster changed one tenant ran at 33 returns/s.
    /// Only the rows the statement touched can have reached zero; they are found by key. In SQL only (the EF model does
    /// not change, so the snapshot is untouched).
    /// </summary>
    [DbContext(typeof(BuildingEconomyDbContext))]
    [Migration("20261128235900_DistrictResidentsKeyedCleanup")]
    public partial class DistrictResidentsKeyedCleanup : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Function("""
            DELETE FROM district_residents r
            USING jsonb_to_recordset(parts) p(district_id int, enterprise_id int)
            WHERE r.district_id = p.district_id AND r.enterprise_id = p.enterprise_id AND r.tenancies = 0;
            """));

        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Function("""
            DELETE FROM district_residents WHERE tenancies = 0;
            """));

        private static string Function(string cleanup) => $$"""
            CREATE OR REPLACE FUNCTION district_residents_add(parts jsonb) RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
                WITH delta AS (
                    SELECT p.district_id, p.enterprise_id, sum(p.sign)::int AS tenancies
                    FROM jsonb_to_recordset(parts) p(district_id int, enterprise_id int, sign int)
                    GROUP BY 1, 2 HAVING sum(p.sign) <> 0
                ), upserted AS (
                    INSERT INTO district_residents AS r SELECT * FROM delta
                    ON CONFLICT (district_id, enterprise_id) DO UPDATE SET tenancies = r.tenancies + excluded.tenancies
                    RETURNING r.district_id, r.enterprise_id, r.tenancies
                ), counted AS (
                    -- An enterprise joins its district's count when its first tenancy there starts, leaves it with its last.
                    SELECT u.district_id, sum(CASE WHEN u.tenancies > 0 AND u.tenancies = d.tenancies THEN 1
                                                   WHEN u.tenancies = 0 THEN -1 ELSE 0 END)::int AS enterprises
                    FROM upserted u JOIN delta d USING (district_id, enterprise_id)
                    GROUP BY 1
                )
                INSERT INTO district_stock AS s (district_id, resident_enterprises)
                SELECT district_id, enterprises FROM counted
                ON CONFLICT (district_id) DO UPDATE SET resident_enterprises = s.resident_enterprises + excluded.resident_enterprises;
                -- A separate statement: the upsert's effects are not visible inside its own statement.
                {{cleanup}}
            END $$;
            """;
    }
}
