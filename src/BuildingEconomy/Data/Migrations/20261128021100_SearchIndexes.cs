using BuildingEconomy.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BuildingEconomy.Data.Migrations
{
    /// <summary>
    /// What the PostgreSQL search engine needs, in SQL only (the EF model does not change, so there is no target
    /// model here and the snapshot is untouched):
    /// <list type="bullet">
    /// <item>buildings.search_text: name, aliases, address and property company, lower-cased, as one generated column,
    /// with a trigram GIN index for terms of 3+ characters (LIKE '%国贸中%').</item>
    /// <item>buildings.search_pieces: every overlapping 2-character piece of each word of search_text as a generated
    /// tsvector with a GIN index. No Chinese word-splitting extension is packaged for this PostgreSQL, and a
    /// 2-character term (国贸) yields no trigram, so this is what makes short Chinese terms indexable.</item>
    /// <item>a GiST index on location::geometry, for map views and polygons (straight edges in longitude/latitude,
    /// as Elasticsearch draws them); distances use the existing geography index.</item>
    /// <item>a partial index on the spaces a search can return (not archived, available or with a date).</item>
    /// </list>
    /// </summary>
    [DbContext(typeof(BuildingEconomyDbContext))]
    [Migration("20261128021100_SearchIndexes")]
    public partial class SearchIndexes : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                -- IMMUTABLE so it can feed a generated column; array_to_string is only STABLE in general (it
                -- calls element output functions), but for text[] its result depends on nothing but its input.
                CREATE FUNCTION building_search_text(name text, aliases text[], address text, property_company text)
                    RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                    SELECT lower(name || ' ' || coalesce(array_to_string(aliases, ' '), '') || ' '
                                 || address || ' ' || coalesce(property_company, ''))
                $$;

                CREATE FUNCTION search_pieces(text text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                    SELECT coalesce(array_to_tsvector(array_agg(DISTINCT piece)), ''::tsvector)
                    FROM (SELECT substr(word, i, 2) AS piece
                          FROM regexp_split_to_table(text, '\s+') AS word,
                               generate_series(1, length(word) - 1) AS i) AS pieces
                $$;

                ALTER TABLE buildings
                    ADD COLUMN search_text text GENERATED ALWAYS AS
                        (building_search_text(name, aliases, address, property_company)) STORED,
                    ADD COLUMN search_pieces tsvector GENERATED ALWAYS AS
                        (search_pieces(building_search_text(name, aliases, address, property_company))) STORED;

                CREATE INDEX ix_buildings_search_pieces ON buildings USING gin (search_pieces);
                CREATE INDEX ix_buildings_search_text_trgm ON buildings USING gin (search_text gin_trgm_ops);
                CREATE INDEX ix_buildings_location_geometry ON buildings USING gist ((location::geometry));
                CREATE INDEX ix_spaces_searchable ON spaces (building_id)
                    WHERE NOT archived AND (status = 'Available' OR available_from IS NOT NULL);
                """);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX ix_spaces_searchable;
                DROP INDEX ix_buildings_location_geometry;
                ALTER TABLE buildings DROP COLUMN search_pieces, DROP COLUMN search_text;
                DROP FUNCTION search_pieces(text);
                DROP FUNCTION building_search_text(text, text[], text, text);
                """);
        }
    }
}
