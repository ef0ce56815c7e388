using BuildingEconomy.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BuildingEconomy.IntegrationTests.Infrastructure;

/// <summary>
/// An isolated PostgreSQL database for one test class, cloned from a template that is migrated once per
/// migration set, so every class starts from the same empty, fully migrated schema in well under a second.
/// </summary>
public sealed class TestDatabase : IAsyncLifetime
{
    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? templateName;

    public string Name { get; } = $"be_test_{Guid.NewGuid():N}";
    public string ConnectionString { get; private set; } = "";
    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable($"ConnectionStrings__{Database.ConnectionStringName}")
        ?? "Host=127.0.0.1;Port=5432;Database=building_economy;Username=building_economy;Password=building_economy;Options=-c jit=off";

    public async Task InitializeAsync()
    {
        var template = await EnsureTemplateAsync();
        await ExecuteOnServerAsync($"CREATE DATABASE \"{Name}\" TEMPLATE \"{template}\"");
        ConnectionString = WithDatabase(Name);
        DataSource = Database.CreateDataSource(ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        try
        {
            await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
        }
        catch (PostgresException)
        {
            // A database left behind costs disk, not correctness: every test class makes a new one.
        }
    }

    public BuildingEconomyDbContext CreateContext() => Database.CreateContext(DataSource);

    private static async Task<string> EnsureTemplateAsync()
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (templateName is not null) return templateName;
            string lastMigration;
            await using (var probe = Database.CreateContext(Database.CreateDataSource(ServerConnectionString)))
            {
                lastMigration = probe.Database.GetMigrations().Last();
            }
            var name = $"be_template_{lastMigration.ToLowerInvariant()}";
            await using var server = new NpgsqlConnection(WithDatabase("postgres"));
            await server.OpenAsync();
            // Test projects may run side by side; one of them builds the template while the others wait.
            await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_lock(727274)", server))
            {
                await lockCommand.ExecuteNonQueryAsync();
            }
            try
            {
                await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", server);
                exists.Parameters.AddWithValue("name", name);
                if (await exists.ExecuteScalarAsync() is null)
                {
                    var building = name + "_building";
                    await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{building}\" WITH (FORCE)");
                    await ExecuteOnServerAsync($"CREATE DATABASE \"{building}\"");
                    await using (var dataSource = Database.CreateDataSource(WithDatabase(building)))
                    await using (var context = Database.CreateContext(dataSource))
                    {
                        await context.Database.MigrateAsync();
                    }
                    NpgsqlConnection.ClearAllPools();
                    await ExecuteOnServerAsync($"ALTER DATABASE \"{building}\" RENAME TO \"{name}\"");
                }
            }
            finally
            {
                await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(727274)", server);
                await unlock.ExecuteNonQueryAsync();
            }
            return templateName = name;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private static string WithDatabase(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database }.ConnectionString;

    private static async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(WithDatabase("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
