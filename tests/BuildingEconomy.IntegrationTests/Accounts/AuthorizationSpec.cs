using BuildingEconomy.Accounts;

namespace BuildingEconomy.IntegrationTests.Accounts;

/// <summary>
/// Who may use what, written out from the issue independently of <see cref="Policies.RolesOf"/>, so a change to a
/// policy's roles has to be made in both places on purpose. A policy missing here fails the matrix test.
/// </summary>
public static class AuthorizationSpec
{
    public static readonly IReadOnlyDictionary<string, string[]> AllowedRoles = new Dictionary<string, string[]>
    {
        [Policies.ManageRegister] = [Roles.Administrator],
        [Policies.ViewRegister] = [Roles.Administrator, Roles.InvestmentOfficer, Roles.PropertyContact, Roles.Leader, Roles.ContactOfficial],
        [Policies.SearchSpace] = [Roles.InvestmentOfficer, Roles.Administrator, Roles.Leader],
        [Policies.FileReturns] = [Roles.PropertyContact, Roles.Administrator],
        [Policies.ViewDashboards] = [Roles.Leader, Roles.ContactOfficial, Roles.Administrator],
        [Policies.Administer] = [Roles.Administrator],
        // Investment officers never see enterprises' tax figures.
        [Policies.ViewTax] = [Roles.Leader, Roles.ContactOfficial, Roles.Administrator],
    };
}
