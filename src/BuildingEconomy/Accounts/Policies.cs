using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace BuildingEconomy.Accounts;

/// <summary>
/// Every endpoint and page declares one of these (or AllowAnonymous); the authorization matrix test fails on any
/// endpoint that declares neither. Policies say which roles may call an endpoint at all; which buildings a caller
/// may see or file for is <see cref="IAccessScope"/>'s job inside the handler.
/// </summary>
public static class Policies
{
    /// <summary>Create and change buildings, spaces, streets, themes (the register itself).</summary>
    public const string ManageRegister = nameof(ManageRegister);

    /// <summary>Read the register: any signed-in user with a role, filtered by <see cref="IAccessScope"/>.</summary>
    public const string ViewRegister = nameof(ViewRegister);

    /// <summary>Investment search over available space, shortlists and leads.</summary>
    public const string SearchSpace = nameof(SearchSpace);

    /// <summary>Submit and correct monthly returns (only for assigned buildings, see <see cref="IAccessScope"/>).</summary>
    public const string FileReturns = nameof(FileReturns);

    /// <summary>Leaders' and contact officials' dashboards.</summary>
    public const string ViewDashboards = nameof(ViewDashboards);

    /// <summary>Users, roles, assignments, tokens, the audit log.</summary>
    public const string Administer = nameof(Administer);

    /// <summary>Enterprises' tax figures; investment officers never see them.</summary>
    public const string ViewTax = nameof(ViewTax);

    /// <summary>The roles each policy admits; a user passes when they hold any one of them.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> RolesOf = new Dictionary<string, IReadOnlyList<string>>
    {
        [ManageRegister] = [Roles.Administrator],
        [ViewRegister] = Roles.All,
        [SearchSpace] = [Roles.InvestmentOfficer, Roles.Administrator, Roles.Leader],
        [FileReturns] = [Roles.PropertyContact, Roles.Administrator],
        [ViewDashboards] = [Roles.Leader, Roles.ContactOfficial, Roles.Administrator],
        [Administer] = [Roles.Administrator],
        [ViewTax] = [Roles.Leader, Roles.ContactOfficial, Roles.Administrator],
    };

    /// <summary>
    /// Registers the policies. They name no authentication scheme: the default scheme picks the API token or the
    /// sign-in cookie per request (see AccountsSetup), so both satisfy every policy.
    /// </summary>
    public static IServiceCollection AddBuildingEconomyAuthorization(this IServiceCollection services)
    {
        var authorization = services.AddAuthorizationBuilder();
        foreach (var (policy, roles) in RolesOf)
        {
            authorization.AddPolicy(policy, builder => builder.RequireAuthenticatedUser().RequireRole(roles));
        }
        // A bare [Authorize] means "signed in with some role"; an endpoint that declares nothing still needs a
        // signed-in user, so a forgotten declaration never leaves data public (the matrix test also flags it).
        var signedInWithRole = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(Roles.All).Build();
        authorization.SetDefaultPolicy(signedInWithRole);
        authorization.SetFallbackPolicy(signedInWithRole);
        return services;
    }
}
