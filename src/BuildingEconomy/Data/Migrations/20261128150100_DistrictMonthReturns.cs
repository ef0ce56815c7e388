using BuildingEconomy.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BuildingEconomy.Data.Migrations
{
    /// <summary>
    /// district_month_returns: per district and month, how many buildings required to report (not archived) have an
    /// applied return, for the home page's latest filing month per district. Finding it from the returns took two
    /// index lookups per building that must file, about 440 ms at national size. In SQL only (not part of the EF model,
    /// so the snapshot is untouched). Statement-level triggers keep it exact by adding and subtracting the rows'
    /// parts, as district_stock is kept (migration DashboardRollups).
    /// </summary>
    [DbContext(typeof(BuildingEconomyDbContext))]
    [Migration("20261128150100_DistrictMonthReturns")]
    public partial class DistrictMonthReturns : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE district_month_returns (
                    district_id int NOT NULL,
                    period date NOT NULL,
                    buildings int NOT NULL,
                    PRIMARY KEY (district_id, period)
                );

                -- One applied return per building and month (ix_monthly_returns_one_applied_per_month): returns are buildings.
                INSERT INTO district_month_returns
                SELECT b.district_id, r.period, count(*)
                FROM monthly_returns r JOIN buildings b ON b.id = r.building_id
                WHERE r.status = 'Applied' AND b.required_to_report AND NOT b.archived AND b.district_id IS NOT NULL
                GROUP BY 1, 2;

                -- Applied returns counted +1 (now) or -1 (before) in their building's district. Like district_stock, without
                -- locking the buildings: the register must never wait for returns (ReturnLocks).
                CREATE FUNCTION district_month_returns_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        INSERT INTO district_month_returns AS d (district_id, period, buildings)
                        SELECT b.district_id, r.period, count(*)
                        FROM new_rows r JOIN buildings b ON b.id = r.building_id
                        WHERE r.status = 'Applied' AND b.required_to_report AND NOT b.archived AND b.district_id IS NOT NULL
                        GROUP BY 1, 2
                        ON CONFLICT (district_id, period) DO UPDATE SET buildings = d.buildings + excluded.buildings;
                    ELSIF TG_OP = 'DELETE' THEN
                        INSERT INTO district_month_returns AS d (district_id, period, buildings)
                        SELECT b.district_id, r.period, -count(*)
                        FROM old_rows r JOIN buildings b ON b.id = r.building_id
                        WHERE r.status = 'Applied' AND b.required_to_report AND NOT b.archived AND b.district_id IS NOT NULL
                        GROUP BY 1, 2
                        ON CONFLICT (district_id, period) DO UPDATE SET buildings = d.buildings + excluded.buildings;
                    ELSE
                        INSERT INTO district_month_returns AS d (district_id, period, buildings)
                        SELECT b.district_id, r.period, sum(r.sign)
                        FROM (SELECT building_id, period, 1 AS sign FROM new_rows WHERE status = 'Applied'
                              UNION ALL SELECT building_id, period, -1 FROM old_rows WHERE status = 'Applied') r
                        JOIN buildings b ON b.id = r.building_id
                        WHERE b.required_to_report AND NOT b.archived AND b.district_id IS NOT NULL
                        GROUP BY 1, 2 HAVING sum(r.sign) <> 0
                        ON CONFLICT (district_id, period) DO UPDATE SET buildings = d.buildings + excluded.buildings;
                    END IF;
                    DELETE FROM district_month_returns WHERE buildings = 0;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER monthly_returns_district_month_returns_insert AFTER INSERT ON monthly_returns
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION district_month_returns_changed();
                CREATE TRIGGER monthly_returns_district_month_returns_update AFTER UPDATE ON monthly_returns
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION district_month_returns_changed();
                CREATE TRIGGER monthly_returns_district_month_returns_delete AFTER DELETE ON monthly_returns
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION district_month_returns_changed();

                -- A building that moves district, is archived or stops having to report takes its applied returns along.
                -- A new building has no returns yet, and a building's returns go before it does (foreign key).
                CREATE FUNCTION district_month_returns_buildings_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO district_month_returns AS d (district_id, period, buildings)
                    SELECT c.district_id, r.period, sum(c.sign)
                    FROM (SELECT n.id, n.district_id, n.required_to_report, n.archived, 1 AS sign FROM new_rows n
                          UNION ALL SELECT o.id, o.district_id, o.required_to_report, o.archived, -1 FROM old_rows o) c
                    JOIN monthly_returns r ON r.building_id = c.id AND r.status = 'Applied'
                    WHERE c.required_to_report AND NOT c.archived AND c.district_id IS NOT NULL
                          AND c.id IN (SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
                                       WHERE (n.district_id, n.required_to_report, n.archived) IS DISTINCT FROM (o.district_id, o.required_to_report, o.archived))
                    GROUP BY 1, 2 HAVING sum(c.sign) <> 0
                    ON CONFLICT (district_id, period) DO UPDATE SET buildings = d.buildings + excluded.buildings;
                    DELETE FROM district_month_returns WHERE buildings = 0;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER buildings_district_month_returns_update AFTER UPDATE ON buildings
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION district_month_returns_buildings_changed();
                """);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER buildings_district_month_returns_update ON buildings;
                DROP FUNCTION district_month_returns_buildings_changed();
                DROP TRIGGER monthly_returns_district_month_returns_delete ON monthly_returns;
                DROP TRIGGER monthly_returns_district_month_returns_update ON monthly_returns;
                DROP TRIGGER monthly_returns_district_month_returns_insert ON monthly_returns;
                DROP FUNCTION district_month_returns_changed();
                DROP TABLE district_month_returns;
                """);
        }
    }
}
