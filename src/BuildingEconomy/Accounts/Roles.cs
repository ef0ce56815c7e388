namespace BuildingEconomy.Accounts;

/// <summary>
/// The five roles of the platform; a user may hold several. The names are stored in the database and carried in
/// cookies and tokens, so they never change; what users read comes from the resources (<see cref="DisplayKey"/>).
/// </summary>
public static class Roles
{
    public const string Administrator = "Administrator",
        InvestmentOfficer = "InvestmentOfficer",
        PropertyContact = "PropertyContact",
        Leader = "Leader",
        ContactOfficial = "ContactOfficial";

    /// <summary>In the order menus and forms list them.</summary>
    public static readonly IReadOnlyList<string> All = [Administrator, InvestmentOfficer, PropertyContact, Leader, ContactOfficial];

    /// <summary>The SharedResource key of the role's display name (管理员, 招商专员, …).</summary>
    public static string DisplayKey(string role) => "Account.Role." + role;
}
