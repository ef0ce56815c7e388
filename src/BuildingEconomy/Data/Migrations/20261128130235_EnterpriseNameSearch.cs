using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BuildingEconomy.Data.Migrations
{
    /// <summary>
    /// Enterprise search through indexes at national size (two million rows): a trigram index for name terms of
    /// 3+ characters, a credit-code prefix index, (name, id) for ordered pages, and, in SQL because EF cannot describe
    /// an expression index, the overlapping 2-character pieces of the lower-cased name (search_pieces, from the
    /// SearchIndexes migration), since a 2-character Chinese term such as 长青 has no trigram.
    /// </summary>
    public partial class EnterpriseNameSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_enterprises_credit_code_prefix",
                table: "enterprises",
                column: "credit_code")
                .Annotation("Npgsql:IndexOperators", new[] { "bpchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_enterprises_name_id",
                table: "enterprises",
                columns: new[] { "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_enterprises_name_trgm",
                table: "enterprises",
                column: "name")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.Sql("CREATE INDEX ix_enterprises_name_pieces ON enterprises USING gin (search_pieces(lower(name)));");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_enterprises_name_pieces;");

            migrationBuilder.DropIndex(
                name: "ix_enterprises_credit_code_prefix",
                table: "enterprises");

            migrationBuilder.DropIndex(
                name: "ix_enterprises_name_id",
                table: "enterprises");

            migrationBuilder.DropIndex(
                name: "ix_enterprises_name_trgm",
                table: "enterprises");
        }
    }
}
