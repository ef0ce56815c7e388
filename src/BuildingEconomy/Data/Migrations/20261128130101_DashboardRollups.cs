using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BuildingEconomy.Data.Migrations
{
    /// <summary>
    /// Rollups that keep the dashboards and the home page fast at national size, in SQL only (not part of the EF model):
    /// <list type="bullet">
    /// <item>dashboard_month_sums: per month and subdistrict (with its district), the sums behind every figure
    /// (FigureSums), once for the whole subdistrict (dimension 0) and once per grade (1), use (2) and theme (3). Keyed by
    /// the grouping attributes building_month_figures carries, so they equal a recomputation from it.</item>
    /// <item>dashboard_month_filed and dashboard_reporting_starts: the filing rate by the buildings' own current
    /// attributes, as FigureSumsQuery computed it live: a building required to report counts from its start month
    /// (null: always), derived from its completion year and its first filing.</item>
    /// <item>district_stock and district_residents: the home page's space counts and distinct resident enterprises per
    /// district.</item>
    /// </list>
    /// Statement-level triggers with transition tables keep them exact: a statement writing many rows costs one
    /// trigger run. Month sums and filing are recomputed for the (month, subdistrict) cells a statement touched,
    /// which is exact by construction; the district counts are kept by adding and subtracting the rows' parts.
    /// </summary>
    public partial class DashboardRollups : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE dashboard_month_sums (
                    period date NOT NULL,
                    district_id int,
                    subdistrict_id int,
                    dimension smallint NOT NULL,
                    group_key text,
                    buildings_reporting int NOT NULL,
                    for_sale_area numeric NOT NULL,
                    for_rent_area numeric NOT NULL,
                    sold_area numeric NOT NULL,
                    leased_area numeric NOT NULL,
                    self_use_area numeric NOT NULL,
                    resident_area numeric NOT NULL,
                    marketed_area numeric NOT NULL,
                    resident_enterprises bigint NOT NULL,
                    locally_registered_enterprises bigint NOT NULL,
                    locally_registered_area numeric NOT NULL,
                    absorption_buildings int NOT NULL,
                    absorption_resident_area numeric NOT NULL,
                    absorption_previous_resident_area numeric NOT NULL,
                    tax_buildings_all_taxes int NOT NULL,
                    tax_amount_all_taxes numeric NOT NULL,
                    tax_resident_area_all_taxes numeric NOT NULL,
                    tax_buildings_district_revenue int NOT NULL,
                    tax_amount_district_revenue numeric NOT NULL,
                    tax_resident_area_district_revenue numeric NOT NULL,
                    tax_buildings_recurring_tax int NOT NULL,
                    tax_amount_recurring_tax numeric NOT NULL,
                    tax_resident_area_recurring_tax numeric NOT NULL,
                    billion_yuan_all_taxes int NOT NULL,
                    billion_yuan_district_revenue int NOT NULL,
                    billion_yuan_recurring_tax int NOT NULL,
                    signed_not_resident_buildings int NOT NULL,
                    registered_elsewhere_enterprises int NOT NULL
                );
                CREATE UNIQUE INDEX ux_dashboard_month_sums ON dashboard_month_sums (dimension, period, district_id, subdistrict_id, group_key) NULLS NOT DISTINCT;
                CREATE INDEX ix_dashboard_month_sums_period_subdistrict ON dashboard_month_sums (period, subdistrict_id);

                -- The follow-up lists' first page: the largest signed-not-resident areas, the largest registered-elsewhere
                -- tenants, read in order instead of sorting a whole month.
                CREATE INDEX ix_building_month_figures_period_signed_not_resident
                    ON building_month_figures (period, (sold_area + leased_area - resident_area) DESC, building_id)
                    WHERE sold_area + leased_area - resident_area > 0;
                CREATE INDEX ix_building_month_figures_return_id ON building_month_figures (return_id);
                -- A building's large-tax months, for the 亿元楼 count of each of its months.
                CREATE INDEX ix_building_month_figures_building_large_tax ON building_month_figures (building_id, period)
                    WHERE tax_amount >= 8333333.33;
                -- The buildings that must file, narrow enough to scan for the not-filed list.
                CREATE INDEX ix_buildings_required_to_report ON buildings (id) INCLUDE (district_id, subdistrict_id, completion_year, name)
                    WHERE required_to_report AND NOT archived;
                CREATE INDEX ix_return_lines_registered_elsewhere_area ON return_lines (area DESC, credit_code)
                    WHERE state = 'Resident' AND NOT registered_locally;

                CREATE TABLE dashboard_month_filed (
                    period date NOT NULL,
                    district_id int,
                    subdistrict_id int,
                    dimension smallint NOT NULL,
                    group_key text,
                    buildings_filed int NOT NULL
                );
                CREATE UNIQUE INDEX ux_dashboard_month_filed ON dashboard_month_filed (dimension, period, district_id, subdistrict_id, group_key) NULLS NOT DISTINCT;
                CREATE INDEX ix_dashboard_month_filed_subdistrict ON dashboard_month_filed (subdistrict_id);

                CREATE TABLE dashboard_reporting_starts (
                    district_id int,
                    subdistrict_id int,
                    dimension smallint NOT NULL,
                    group_key text,
                    starts_on date,
                    buildings int NOT NULL
                );
                CREATE UNIQUE INDEX ux_dashboard_reporting_starts ON dashboard_reporting_starts (dimension, district_id, subdistrict_id, group_key, starts_on) NULLS NOT DISTINCT;
                CREATE INDEX ix_dashboard_reporting_starts_subdistrict ON dashboard_reporting_starts (subdistrict_id);

                CREATE TABLE district_stock (
                    district_id int PRIMARY KEY,
                    spaces int NOT NULL DEFAULT 0,
                    available_spaces int NOT NULL DEFAULT 0,
                    available_area numeric NOT NULL DEFAULT 0,
                    resident_enterprises int NOT NULL DEFAULT 0
                );

                CREATE TABLE district_residents (
                    district_id int NOT NULL,
                    enterprise_id int NOT NULL,
                    tenancies int NOT NULL,
                    PRIMARY KEY (district_id, enterprise_id)
                );

                -- Writers recomputing the same subdistrict take turns: each statement reads with a fresh snapshot, so the
                -- one that waited deletes and recomputes what the other committed instead of colliding with its rows.
                -- Taken in order, so two writers cannot each hold what the other waits for.
                CREATE FUNCTION dashboard_lock_subdistricts(rollup int, subdistricts int[], unassigned boolean) RETURNS void
                LANGUAGE plpgsql AS $$
                DECLARE subdistrict int;
                BEGIN
                    FOR subdistrict IN SELECT DISTINCT u.id FROM unnest(subdistricts || CASE WHEN unassigned THEN ARRAY[-1] ELSE '{}'::int[] END) u(id) ORDER BY 1 LOOP
                        PERFORM pg_advisory_xact_lock(rollup, subdistrict);
                    END LOOP;
                END $$;

                -- The sums of the given months for the given subdistricts (null ones too when unassigned), recomputed.
                CREATE FUNCTION dashboard_refresh_month_sums(periods date[], subdistricts int[], unassigned boolean) RETURNS void
                LANGUAGE sql AS $$
                    SELECT dashboard_lock_subdistricts(1, subdistricts, unassigned);

                    DELETE FROM dashboard_month_sums d
                    WHERE d.period = ANY(periods) AND (d.subdistrict_id = ANY(subdistricts) OR (unassigned AND d.subdistrict_id IS NULL));

                    INSERT INTO dashboard_month_sums
                    SELECT f.period, f.district_id, f.subdistrict_id,
                           CASE WHEN grouping(f.grade) = 0 THEN 1 WHEN grouping(f.use) = 0 THEN 2 WHEN grouping(f.theme_id) = 0 THEN 3 ELSE 0 END,
                           CASE WHEN grouping(f.grade) = 0 THEN f.grade WHEN grouping(f.use) = 0 THEN f.use WHEN grouping(f.theme_id) = 0 THEN f.theme_id::text END,
                           count(*), sum(f.for_sale_area), sum(f.for_rent_area), sum(f.sold_area), sum(f.leased_area), sum(f.self_use_area),
                           sum(f.resident_area), sum(f.marketed_area), sum(f.resident_enterprises), sum(f.locally_registered_enterprises),
                           sum(f.locally_registered_area),
                           count(p.building_id), coalesce(sum(f.resident_area) FILTER (WHERE p.building_id IS NOT NULL), 0), coalesce(sum(p.resident_area), 0),
                           count(*) FILTER (WHERE f.tax_basis = 'AllTaxes' AND f.tax_amount IS NOT NULL),
                           coalesce(sum(f.tax_amount) FILTER (WHERE f.tax_basis = 'AllTaxes'), 0),
                           coalesce(sum(f.resident_area) FILTER (WHERE f.tax_basis = 'AllTaxes' AND f.tax_amount IS NOT NULL), 0),
                           count(*) FILTER (WHERE f.tax_basis = 'DistrictRevenue' AND f.tax_amount IS NOT NULL),
                           coalesce(sum(f.tax_amount) FILTER (WHERE f.tax_basis = 'DistrictRevenue'), 0),
                           coalesce(sum(f.resident_area) FILTER (WHERE f.tax_basis = 'DistrictRevenue' AND f.tax_amount IS NOT NULL), 0),
                           count(*) FILTER (WHERE f.tax_basis = 'RecurringTax' AND f.tax_amount IS NOT NULL),
                           coalesce(sum(f.tax_amount) FILTER (WHERE f.tax_basis = 'RecurringTax'), 0),
                           coalesce(sum(f.resident_area) FILTER (WHERE f.tax_basis = 'RecurringTax' AND f.tax_amount IS NOT NULL), 0),
                           count(*) FILTER (WHERE f.tax_basis = 'AllTaxes' AND a.annual_tax >= 100000000),
                           count(*) FILTER (WHERE f.tax_basis = 'DistrictRevenue' AND a.annual_tax >= 100000000),
                           count(*) FILTER (WHERE f.tax_basis = 'RecurringTax' AND a.annual_tax >= 100000000),
                           count(*) FILTER (WHERE f.sold_area + f.leased_area - f.resident_area > 0),
                           coalesce(sum(e.lines), 0)
                    FROM building_month_figures f
                    LEFT JOIN building_month_figures p ON p.building_id = f.building_id AND p.period = (f.period - interval '1 month')::date
                    -- 亿元楼: tax on the month's basis over the 12 months to it. Only a building with a month of at least a
                    -- twelfth of 100 million yuan in them can reach it (FigureSumsQuery.LargeMonthlyTaxSql).
                    LEFT JOIN LATERAL (
                        SELECT sum(x.tax_amount) AS annual_tax
                        FROM building_month_figures x
                        WHERE x.building_id = f.building_id AND x.tax_basis = f.tax_basis
                              AND x.period BETWEEN (f.period - interval '11 months')::date AND f.period
                    ) a ON f.tax_amount IS NOT NULL AND f.tax_basis IS NOT NULL AND EXISTS (
                        SELECT 1 FROM building_month_figures c
                        WHERE c.building_id = f.building_id AND c.tax_amount >= 8333333.33
                              AND c.period BETWEEN (f.period - interval '11 months')::date AND f.period)
                    -- The local-registration campaign list: resident enterprises on the return registered elsewhere.
                    LEFT JOIN LATERAL (
                        SELECT count(*)::int AS lines FROM return_lines l
                        WHERE l.return_id = f.return_id AND l.state = 'Resident' AND NOT l.registered_locally
                    ) e ON true
                    WHERE f.period = ANY(periods) AND (f.subdistrict_id = ANY(subdistricts) OR (unassigned AND f.subdistrict_id IS NULL))
                    GROUP BY f.period, f.district_id, f.subdistrict_id, GROUPING SETS ((), (f.grade), (f.use), (f.theme_id));
                $$;

                -- Filing of the buildings now in the given subdistricts, for the given months (null: every month), recomputed.
                -- A building counts from its start month: in its completion year from its first filing (January when it
                -- has none, the next January when its first filing is later), always when its completion year is unknown.
                -- With a row for a month, a building counts that month exactly when it is not completed in a later year.
                CREATE FUNCTION dashboard_refresh_filing(periods date[], subdistricts int[], unassigned boolean) RETURNS void
                LANGUAGE sql AS $$
                    SELECT dashboard_lock_subdistricts(2, subdistricts, unassigned);

                    DELETE FROM dashboard_month_filed d
                    WHERE (periods IS NULL OR d.period = ANY(periods)) AND (d.subdistrict_id = ANY(subdistricts) OR (unassigned AND d.subdistrict_id IS NULL));

                    INSERT INTO dashboard_month_filed
                    SELECT f.period, b.district_id, b.subdistrict_id,
                           CASE WHEN grouping(b.grade) = 0 THEN 1 WHEN grouping(b.use) = 0 THEN 2 WHEN grouping(b.theme_id) = 0 THEN 3 ELSE 0 END,
                           CASE WHEN grouping(b.grade) = 0 THEN b.grade WHEN grouping(b.use) = 0 THEN b.use WHEN grouping(b.theme_id) = 0 THEN b.theme_id::text END,
                           count(*)
                    FROM buildings b
                    JOIN building_month_figures f ON f.building_id = b.id
                    WHERE b.required_to_report AND NOT b.archived
                          AND (b.completion_year IS NULL OR b.completion_year <= extract(year FROM f.period))
                          AND (periods IS NULL OR f.period = ANY(periods))
                          AND (b.subdistrict_id = ANY(subdistricts) OR (unassigned AND b.subdistrict_id IS NULL))
                    GROUP BY f.period, b.district_id, b.subdistrict_id, GROUPING SETS ((), (b.grade), (b.use), (b.theme_id));

                    DELETE FROM dashboard_reporting_starts d
                    WHERE d.subdistrict_id = ANY(subdistricts) OR (unassigned AND d.subdistrict_id IS NULL);

                    INSERT INTO dashboard_reporting_starts
                    SELECT b.district_id, b.subdistrict_id,
                           CASE WHEN grouping(b.grade) = 0 THEN 1 WHEN grouping(b.use) = 0 THEN 2 WHEN grouping(b.theme_id) = 0 THEN 3 ELSE 0 END,
                           CASE WHEN grouping(b.grade) = 0 THEN b.grade WHEN grouping(b.use) = 0 THEN b.use WHEN grouping(b.theme_id) = 0 THEN b.theme_id::text END,
                           s.starts_on, count(*)
                    FROM buildings b
                    CROSS JOIN LATERAL (SELECT greatest(make_date(b.completion_year, 1, 1),
                                                        least(coalesce((SELECT min(x.period) FROM building_month_figures x WHERE x.building_id = b.id),
                                                                       make_date(b.completion_year, 1, 1)),
                                                              make_date(b.completion_year + 1, 1, 1)))) s(starts_on)
                    WHERE b.required_to_report AND NOT b.archived
                          AND (b.subdistrict_id = ANY(subdistricts) OR (unassigned AND b.subdistrict_id IS NULL))
                    GROUP BY b.district_id, b.subdistrict_id, s.starts_on, GROUPING SETS ((), (b.grade), (b.use), (b.theme_id));
                $$;

                -- A change to a month's figures changes that month and, through net absorption, the building's next month;
                -- for a building that can be a 亿元楼, the 11 months after it too.
                CREATE FUNCTION dashboard_month_figures_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    changed_buildings int[];
                    changed_periods date[];
                    periods date[];
                    subdistricts int[];
                    unassigned boolean;
                    filing_periods date[];
                    filing_subdistricts int[];
                    filing_unassigned boolean;
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        SELECT array_agg(building_id), array_agg(period), array_agg(subdistrict_id) INTO changed_buildings, changed_periods, subdistricts FROM new_rows;
                    ELSIF TG_OP = 'DELETE' THEN
                        SELECT array_agg(building_id), array_agg(period), array_agg(subdistrict_id) INTO changed_buildings, changed_periods, subdistricts FROM old_rows;
                    ELSE
                        SELECT array_agg(building_id), array_agg(period), array_agg(subdistrict_id) INTO changed_buildings, changed_periods, subdistricts
                        FROM (SELECT building_id, period, subdistrict_id FROM old_rows UNION ALL SELECT building_id, period, subdistrict_id FROM new_rows) c;
                    END IF;
                    IF changed_buildings IS NULL THEN RETURN NULL; END IF;

                    SELECT array_agg(DISTINCT x.period),
                           array_agg(DISTINCT x.subdistrict_id) FILTER (WHERE x.subdistrict_id IS NOT NULL),
                           bool_or(x.subdistrict_id IS NULL)
                    INTO periods, subdistricts, unassigned
                    FROM unnest(changed_buildings, changed_periods, subdistricts) c(building_id, period, subdistrict_id)
                    LEFT JOIN building_month_figures n ON n.building_id = c.building_id AND n.period > c.period
                         AND n.period <= (c.period + CASE WHEN EXISTS (
                                 SELECT 1 FROM building_month_figures l
                                 WHERE l.building_id = c.building_id AND l.tax_amount >= 8333333.33
                                       AND l.period BETWEEN (c.period - interval '11 months')::date AND (c.period + interval '11 months')::date)
                             THEN interval '11 months' ELSE interval '1 month' END)::date
                    CROSS JOIN LATERAL (VALUES (c.period, c.subdistrict_id, true), (n.period, n.subdistrict_id, n.building_id IS NOT NULL))
                        x(period, subdistrict_id, present)
                    WHERE x.present;
                    PERFORM dashboard_refresh_month_sums(periods, coalesce(subdistricts, '{}'), unassigned);

                    -- Corrections rewrite a month's values only; filing changes when a building's month appears or goes.
                    -- (Nested: an expression naming old_rows cannot even be parsed in the insert trigger.)
                    IF TG_OP = 'UPDATE' THEN
                        IF NOT EXISTS (SELECT building_id, period FROM old_rows EXCEPT SELECT building_id, period FROM new_rows)
                           AND NOT EXISTS (SELECT building_id, period FROM new_rows EXCEPT SELECT building_id, period FROM old_rows) THEN
                            RETURN NULL;
                        END IF;
                    END IF;
                    SELECT array_agg(DISTINCT b.subdistrict_id) FILTER (WHERE b.subdistrict_id IS NOT NULL), coalesce(bool_or(b.subdistrict_id IS NULL), false)
                    INTO filing_subdistricts, filing_unassigned
                    FROM buildings b WHERE b.id = ANY(changed_buildings);
                    PERFORM dashboard_refresh_filing(ARRAY(SELECT DISTINCT unnest(changed_periods)), coalesce(filing_subdistricts, '{}'), filing_unassigned);
                    RETURN NULL;
                END $$;

                CREATE TRIGGER building_month_figures_rollups_insert AFTER INSERT ON building_month_figures
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_month_figures_changed();
                CREATE TRIGGER building_month_figures_rollups_update AFTER UPDATE ON building_month_figures
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_month_figures_changed();
                CREATE TRIGGER building_month_figures_rollups_delete AFTER DELETE ON building_month_figures
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_month_figures_changed();

                -- Spaces and resident tenancies of buildings, signed +1 (now) or -1 (before), added to their districts.
                CREATE FUNCTION district_stock_add(parts jsonb) RETURNS void LANGUAGE sql AS $$
                    INSERT INTO district_stock AS d (district_id, spaces, available_spaces, available_area)
                    SELECT p.district_id, sum(p.sign), coalesce(sum(p.sign) FILTER (WHERE p.available), 0), coalesce(sum(p.sign * p.area) FILTER (WHERE p.available), 0)
                    FROM jsonb_to_recordset(parts) p(district_id int, sign int, available boolean, area numeric)
                    GROUP BY p.district_id
                    ON CONFLICT (district_id) DO UPDATE SET spaces = d.spaces + excluded.spaces,
                        available_spaces = d.available_spaces + excluded.available_spaces,
                        available_area = d.available_area + excluded.available_area;
                $$;

                CREATE FUNCTION district_residents_add(parts jsonb) RETURNS void LANGUAGE plpgsql AS $$
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
                    DELETE FROM district_residents WHERE tenancies = 0;
                END $$;

                CREATE FUNCTION district_stock_spaces_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE parts jsonb;
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        SELECT jsonb_agg(jsonb_build_object('district_id', b.district_id, 'sign', 1, 'available', s.status = 'Available', 'area', s.area)) INTO parts
                        FROM new_rows s JOIN buildings b ON b.id = s.building_id WHERE NOT s.archived AND NOT b.archived AND b.district_id IS NOT NULL;
                    ELSIF TG_OP = 'DELETE' THEN
                        SELECT jsonb_agg(jsonb_build_object('district_id', b.district_id, 'sign', -1, 'available', s.status = 'Available', 'area', s.area)) INTO parts
                        FROM old_rows s JOIN buildings b ON b.id = s.building_id WHERE NOT s.archived AND NOT b.archived AND b.district_id IS NOT NULL;
                    ELSE
                        SELECT jsonb_agg(jsonb_build_object('district_id', b.district_id, 'sign', s.sign, 'available', s.status = 'Available', 'area', s.area)) INTO parts
                        FROM (SELECT building_id, status, area, archived, 1 AS sign FROM new_rows
                              UNION ALL SELECT building_id, status, area, archived, -1 FROM old_rows) s
                        JOIN buildings b ON b.id = s.building_id WHERE NOT s.archived AND NOT b.archived AND b.district_id IS NOT NULL;
                    END IF;
                    IF parts IS NOT NULL THEN PERFORM district_stock_add(parts); END IF;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER spaces_district_stock_insert AFTER INSERT ON spaces
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION district_stock_spaces_changed();
                CREATE TRIGGER spaces_district_stock_update AFTER UPDATE ON spaces
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION district_stock_spaces_changed();
                CREATE TRIGGER spaces_district_stock_delete AFTER DELETE ON spaces
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION district_stock_spaces_changed();

                CREATE FUNCTION district_residents_tenancies_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE parts jsonb;
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        SELECT jsonb_agg(jsonb_build_object('district_id', b.district_id, 'enterprise_id', t.enterprise_id, 'sign', 1)) INTO parts
                        FROM new_rows t JOIN buildings b ON b.id = t.building_id
                        WHERE t.moved_in_on IS NOT NULL AND t.moved_out_on IS NULL AND NOT b.archived AND b.district_id IS NOT NULL;
                    ELSIF TG_OP = 'DELETE' THEN
                        SELECT jsonb_agg(jsonb_build_object('district_id', b.district_id, 'enterprise_id', t.enterprise_id, 'sign', -1)) INTO parts
                        FROM old_rows t JOIN buildings b ON b.id = t.building_id
                        WHERE t.moved_in_on IS NOT NULL AND t.moved_out_on IS NULL AND NOT b.archived AND b.district_id IS NOT NULL;
                    ELSE
                        SELECT jsonb_agg(jsonb_build_object('district_id', b.district_id, 'enterprise_id', t.enterprise_id, 'sign', t.sign)) INTO parts
                        FROM (SELECT building_id, enterprise_id, moved_in_on, moved_out_on, 1 AS sign FROM new_rows
                              UNION ALL SELECT building_id, enterprise_id, moved_in_on, moved_out_on, -1 FROM old_rows) t
                        JOIN buildings b ON b.id = t.building_id
                        WHERE t.moved_in_on IS NOT NULL AND t.moved_out_on IS NULL AND NOT b.archived AND b.district_id IS NOT NULL;
                    END IF;
                    IF parts IS NOT NULL THEN PERFORM district_residents_add(parts); END IF;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER tenancies_district_residents_insert AFTER INSERT ON tenancies
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION district_residents_tenancies_changed();
                CREATE TRIGGER tenancies_district_residents_update AFTER UPDATE ON tenancies
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION district_residents_tenancies_changed();
                CREATE TRIGGER tenancies_district_residents_delete AFTER DELETE ON tenancies
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION district_residents_tenancies_changed();

                -- A building that moves, is archived or changes what it is grouped by takes its spaces, residents and filing along.
                CREATE FUNCTION dashboard_buildings_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    moved int[];
                    stock jsonb;
                    residents jsonb;
                    subdistricts int[];
                    unassigned boolean;
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        SELECT array_agg(n.id) INTO moved FROM new_rows n;
                    ELSIF TG_OP = 'DELETE' THEN
                        SELECT array_agg(o.id) INTO moved FROM old_rows o;
                    ELSE
                        SELECT array_agg(n.id) INTO moved FROM new_rows n JOIN old_rows o ON o.id = n.id
                        WHERE (n.district_id, n.subdistrict_id, n.archived, n.required_to_report, n.completion_year, n.grade, n.use, n.theme_id)
                              IS DISTINCT FROM (o.district_id, o.subdistrict_id, o.archived, o.required_to_report, o.completion_year, o.grade, o.use, o.theme_id);
                    END IF;
                    IF moved IS NULL THEN RETURN NULL; END IF;

                    IF TG_OP = 'UPDATE' THEN
                        -- Before: the old rows' districts and flags; now: the new rows'. A new building has no spaces or
                        -- tenancies yet, and a building's spaces and tenancies go before it does (foreign keys).
                        SELECT jsonb_agg(jsonb_build_object('district_id', c.district_id, 'sign', c.sign, 'available', s.status = 'Available', 'area', s.area)) INTO stock
                        FROM (SELECT id, district_id, archived, 1 AS sign FROM new_rows UNION ALL SELECT id, district_id, archived, -1 FROM old_rows) c
                        JOIN spaces s ON s.building_id = c.id
                        WHERE c.id = ANY(moved) AND NOT s.archived AND NOT c.archived AND c.district_id IS NOT NULL;
                        IF stock IS NOT NULL THEN PERFORM district_stock_add(stock); END IF;

                        SELECT jsonb_agg(jsonb_build_object('district_id', c.district_id, 'enterprise_id', t.enterprise_id, 'sign', c.sign)) INTO residents
                        FROM (SELECT id, district_id, archived, 1 AS sign FROM new_rows UNION ALL SELECT id, district_id, archived, -1 FROM old_rows) c
                        JOIN tenancies t ON t.building_id = c.id
                        WHERE c.id = ANY(moved) AND t.moved_in_on IS NOT NULL AND t.moved_out_on IS NULL AND NOT c.archived AND c.district_id IS NOT NULL;
                        IF residents IS NOT NULL THEN PERFORM district_residents_add(residents); END IF;
                    END IF;

                    IF TG_OP = 'INSERT' THEN
                        SELECT array_agg(DISTINCT subdistrict_id) FILTER (WHERE subdistrict_id IS NOT NULL), coalesce(bool_or(subdistrict_id IS NULL), false)
                        INTO subdistricts, unassigned FROM new_rows;
                    ELSIF TG_OP = 'DELETE' THEN
                        SELECT array_agg(DISTINCT subdistrict_id) FILTER (WHERE subdistrict_id IS NOT NULL), coalesce(bool_or(subdistrict_id IS NULL), false)
                        INTO subdistricts, unassigned FROM old_rows;
                    ELSE
                        SELECT array_agg(DISTINCT c.subdistrict_id) FILTER (WHERE c.subdistrict_id IS NOT NULL), coalesce(bool_or(c.subdistrict_id IS NULL), false)
                        INTO subdistricts, unassigned
                        FROM (SELECT id, subdistrict_id FROM new_rows UNION ALL SELECT id, subdistrict_id FROM old_rows) c WHERE c.id = ANY(moved);
                    END IF;
                    PERFORM dashboard_refresh_filing(NULL, coalesce(subdistricts, '{}'), unassigned);
                    RETURN NULL;
                END $$;

                CREATE TRIGGER buildings_dashboard_insert AFTER INSERT ON buildings
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_buildings_changed();
                CREATE TRIGGER buildings_dashboard_update AFTER UPDATE ON buildings
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_buildings_changed();
                CREATE TRIGGER buildings_dashboard_delete AFTER DELETE ON buildings
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_buildings_changed();

                -- Backfill from what is there.
                SELECT dashboard_refresh_month_sums(ARRAY(SELECT DISTINCT period FROM building_month_figures),
                                                    ARRAY(SELECT id FROM subdistricts), true);
                SELECT dashboard_refresh_filing(NULL, ARRAY(SELECT id FROM subdistricts), true);
                INSERT INTO district_stock (district_id, spaces, available_spaces, available_area)
                SELECT b.district_id, count(*), count(*) FILTER (WHERE s.status = 'Available'), coalesce(sum(s.area) FILTER (WHERE s.status = 'Available'), 0)
                FROM spaces s JOIN buildings b ON b.id = s.building_id
                WHERE NOT s.archived AND NOT b.archived AND b.district_id IS NOT NULL
                GROUP BY 1;
                INSERT INTO district_residents
                SELECT b.district_id, t.enterprise_id, count(*)
                FROM tenancies t JOIN buildings b ON b.id = t.building_id
                WHERE t.moved_in_on IS NOT NULL AND t.moved_out_on IS NULL AND NOT b.archived AND b.district_id IS NOT NULL
                GROUP BY 1, 2;
                INSERT INTO district_stock AS s (district_id, resident_enterprises)
                SELECT district_id, count(*) FROM district_residents GROUP BY 1
                ON CONFLICT (district_id) DO UPDATE SET resident_enterprises = excluded.resident_enterprises;
                ANALYZE dashboard_month_sums, dashboard_month_filed, dashboard_reporting_starts, district_stock, district_residents;
                """);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER buildings_dashboard_insert ON buildings;
                DROP TRIGGER buildings_dashboard_update ON buildings;
                DROP TRIGGER buildings_dashboard_delete ON buildings;
                DROP TRIGGER tenancies_district_residents_insert ON tenancies;
                DROP TRIGGER tenancies_district_residents_update ON tenancies;
                DROP TRIGGER tenancies_district_residents_delete ON tenancies;
                DROP TRIGGER spaces_district_stock_insert ON spaces;
                DROP TRIGGER spaces_district_stock_update ON spaces;
                DROP TRIGGER spaces_district_stock_delete ON spaces;
                DROP TRIGGER building_month_figures_rollups_insert ON building_month_figures;
                DROP TRIGGER building_month_figures_rollups_update ON building_month_figures;
                DROP TRIGGER building_month_figures_rollups_delete ON building_month_figures;
                DROP FUNCTION dashboard_buildings_changed();
                DROP FUNCTION district_residents_tenancies_changed();
                DROP FUNCTION district_stock_spaces_changed();
                DROP FUNCTION district_residents_add(jsonb);
                DROP FUNCTION district_stock_add(jsonb);
                DROP FUNCTION dashboard_month_figures_changed();
                DROP FUNCTION dashboard_refresh_filing(date[], int[], boolean);
                DROP FUNCTION dashboard_refresh_month_sums(date[], int[], boolean);
                DROP FUNCTION dashboard_lock_subdistricts(int, int[], boolean);
                DROP TABLE district_residents;
                DROP TABLE district_stock;
                DROP TABLE dashboard_reporting_starts;
                DROP TABLE dashboard_month_filed;
                DROP TABLE dashboard_month_sums;
                DROP INDEX ix_return_lines_registered_elsewhere_area;
                DROP INDEX ix_buildings_required_to_report;
                DROP INDEX ix_building_month_figures_building_large_tax;
                DROP INDEX ix_building_month_figures_return_id;
                DROP INDEX ix_building_month_figures_period_signed_not_resident;
                """);
        }
    }
}
