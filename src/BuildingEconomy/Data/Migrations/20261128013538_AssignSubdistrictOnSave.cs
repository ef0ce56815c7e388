using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BuildingEconomy.Data.Migrations
{
    /// <summary>
    /// The database, not the application, decides which subdistrict (and so district) a building is in:
    /// every writer — EF Core, bulk COPY, a hand-run SQL fix — gets the same answer, and a boundary change
    /// reassigns the buildings it moves.
    /// </summary>
    public partial class AssignSubdistrictOnSave : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION assign_building_subdistrict() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    NEW.subdistrict_id := NULL;
                    NEW.district_id := NULL;
                    SELECT s.id, s.district_id INTO NEW.subdistrict_id, NEW.district_id
                    FROM subdistricts s
                    WHERE ST_Covers(s.boundary, NEW.location::geometry)
                    ORDER BY s.id
                    LIMIT 1;
                    RETURN NEW;
                END $$;

                CREATE TRIGGER buildings_assign_subdistrict
                    BEFORE INSERT OR UPDATE OF location ON buildings
                    FOR EACH ROW EXECUTE FUNCTION assign_building_subdistrict();

                CREATE FUNCTION reassign_buildings_of_subdistrict() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE buildings b SET location = b.location
                    WHERE ST_Covers(NEW.boundary, b.location::geometry)
                       OR b.subdistrict_id = NEW.id;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER subdistricts_reassign_buildings
                    AFTER INSERT OR UPDATE OF boundary ON subdistricts
                    FOR EACH ROW EXECUTE FUNCTION reassign_buildings_of_subdistrict();
                """);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER subdistricts_reassign_buildings ON subdistricts;
                DROP FUNCTION reassign_buildings_of_subdistrict();
                DROP TRIGGER buildings_assign_subdistrict ON buildings;
                DROP FUNCTION assign_building_subdistrict();
                """);
        }
    }
}
