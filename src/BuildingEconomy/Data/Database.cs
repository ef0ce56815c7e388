using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BuildingEconomy.Data;

public static class Database
{
    public const string ConnectionStringName = "BuildingEconomy";

    public static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.UseNetTopologySuite();
        return builder.Build();
    }

    public static DbContextOptionsBuilder UseBuildingEconomy(this DbContextOptionsBuilder options, NpgsqlDataSource dataSource) =>
        options
            .UseNpgsql(dataSource, npgsql => npgsql.UseNetTopologySuite())
            .UseSnakeCaseNamingConvention();

    /// <summary>One data source for EF Core and for the raw COPY paths, and a pooled DbContext over it.</summary>
    public static IServiceCollection AddBuildingEconomyData(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(_ => CreateDataSource(connectionString));
        services.AddDbContextPool<BuildingEconomyDbContext>((provider, options) =>
            options.UseBuildingEconomy(provider.GetRequiredService<NpgsqlDataSource>()));
        return services;
    }

    public static BuildingEconomyDbContext CreateContext(NpgsqlDataSource dataSource)
    {
        var options = new DbContextOptionsBuilder<BuildingEconomyDbContext>();
        options.UseBuildingEconomy(dataSource);
        return new BuildingEconomyDbContext(options.Options);
    }
}
