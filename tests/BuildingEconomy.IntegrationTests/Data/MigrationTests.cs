using BuildingEconomy.Data;
using BuildingEconomy.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BuildingEconomy.IntegrationTests.Data;

public class MigrationTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Migrations_apply_to_an_empty_database_and_leave_nothing_pending()
    {
        var name = $"be_test_empty_{Guid.NewGuid():N}";
        var server = new NpgsqlConnectionStringBuilder(TestDatabase.ServerConnectionString) { Database = "postgres" }.ConnectionString;
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin).ExecuteNonQueryAsync();
        }
        try
        {
            var target = new NpgsqlConnectionStringBuilder(TestDatabase.ServerConnectionString) { Database = name }.ConnectionString;
            await using var dataSource = Database.CreateDataSource(target);
            await using var context = Database.CreateContext(dataSource);
            Assert.NotEmpty(await context.Database.GetPendingMigrationsAsync());
            await context.Database.MigrateAsync();
            Assert.Empty(await context.Database.GetPendingMigrationsAsync());
            Assert.Equal(7, await context.Themes.CountAsync());
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync();
            try
            {
                await new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin).ExecuteNonQueryAsync();
            }
            catch (PostgresException)
            {
                // An autovacuum worker may still be in the fresh database; a leftover database is harmless.
            }
        }
    }

    [Fact]
    public void The_model_has_no_changes_without_a_migration()
    {
        using var context = database.CreateContext();
        Assert.False(context.Database.HasPendingModelChanges(), "Add a migration: dotnet ef migrations add <Name> --project src/BuildingEconomy --startup-project src/BuildingEconomy.Cli --output-dir Data/Migrations");
    }

    [Fact]
    public async Task Building_locations_have_a_gist_index_on_geography()
    {
        await using var command = database.DataSource.CreateCommand(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'buildings' AND indexname = 'ix_buildings_location'");
        var definition = (string?)await command.ExecuteScalarAsync();
        Assert.Contains("USING gist (location)", definition);
        await using var type = database.DataSource.CreateCommand(
            "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'buildings'::regclass AND attname = 'location'");
        Assert.Equal("geography(Point,4326)", await type.ExecuteScalarAsync());
    }
}
