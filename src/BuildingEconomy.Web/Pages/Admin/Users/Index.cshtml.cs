using BuildingEconomy.Accounts;
using BuildingEconomy.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BuildingEconomy.Web.Pages.Admin.Users;

public sealed record UserRow(string Id, string UserName, string DisplayName, IReadOnlyList<string> Roles, string? District, bool LockedOut);

[Authorize(Policy = Policies.Administer)]
public sealed class IndexModel(BuildingEconomyDbContext db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<UserRow> Users { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var english = BuildingEconomy.Localization.Cultures.IsEnglish(System.Globalization.CultureInfo.CurrentUICulture);
        var users = await db.Users.AsNoTracking()
            .OrderBy(u => u.UserName)
            .Select(u => new
            {
                u.Id,
                u.UserName,
                u.DisplayName,
                District = u.District == null ? null : english ? u.District.NameEn : u.District.Name,
                u.LockoutEnd,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Select(ur => ur.RoleId).ToList(),
            })
            .ToListAsync(cancellationToken);
        Users = [.. users.Select(u => new UserRow(u.Id, u.UserName ?? "", u.DisplayName, [.. Roles.All.Where(u.Roles.Contains)], u.District, u.LockoutEnd > now))];
    }
}
