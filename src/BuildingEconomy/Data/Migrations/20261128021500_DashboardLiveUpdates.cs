using BuildingEconomy.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BuildingEconomy.Data.Migrations
{
    /// <summary>
    /// What the dashboards need, in SQL only (the EF model does not change, so there is no target model here and the
    /// snapshot is untouched):
    /// <list type="bullet">
    /// <item>a NOTIFY on channel building_month_figures_changed after every statement that changes the read model or
    /// the register (filing and pipeline figures come from buildings). PostgreSQL delivers it on commit only, whoever
    /// wrote (web, worker, bulk COPY); the web app listens and open dashboards refresh (DashboardChangeListener).</item>
    /// <item>a covering index on (period, building_id) with every column the figures sum, so a month's figures, the
    /// previous month's for net absorption, and a scope's buildings are read by index-only scans, whatever the
    /// physical order of the rows.</item>
    /// <item>a partial index on the months with tax of at least 1/12 of 100 million yuan: the only buildings that can
    /// be 亿元楼 (FigureSumsQuery.LargeMonthlyTaxSql).</item>
    /// </list>
    /// </summary>
    [DbContext(typeof(BuildingEconomyDbContext))]
    [Migration("20261128021500_DashboardLiveUpdates")]
    public partial class DashboardLiveUpdates : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION notify_dashboard_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('building_month_figures_changed', TG_TABLE_NAME);
                    RETURN NULL;
                END $$;

                CREATE TRIGGER building_month_figures_notify_dashboards
                    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON building_month_figures
                    FOR EACH STATEMENT EXECUTE FUNCTION notify_dashboard_data_changed();

                CREATE TRIGGER buildings_notify_dashboards
                    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON buildings
                    FOR EACH STATEMENT EXECUTE FUNCTION notify_dashboard_data_changed();

                CREATE INDEX ix_building_month_figures_period_building_covering
                    ON building_month_figures (period, building_id)
                    INCLUDE (district_id, subdistrict_id, grade, use, theme_id, for_sale_area, for_rent_area, sold_area,
                             leased_area, self_use_area, resident_area, marketed_area, resident_enterprises,
                             locally_registered_enterprises, locally_registered_area, tax_amount, tax_basis);

                CREATE INDEX ix_building_month_figures_large_tax
                    ON building_month_figures (period, building_id)
                    WHERE tax_amount >= 8333333.33;
                """);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX ix_building_month_figures_large_tax;
                DROP INDEX ix_building_month_figures_period_building_covering;
                DROP TRIGGER buildings_notify_dashboards ON buildings;
                DROP TRIGGER building_month_figures_notify_dashboards ON building_month_figures;
                DROP FUNCTION notify_dashboard_data_changed();
                """);
        }
    }
}
