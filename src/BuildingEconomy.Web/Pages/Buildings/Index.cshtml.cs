using BuildingEconomy.Accounts;
using BuildingEconomy.Buildings;
using BuildingEconomy.Buildings.Register;
using BuildingEconomy.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BuildingEconomy.Web.Pages.Buildings;

[Authorize(Policy = Policies.ViewRegister)]
public sealed class IndexModel(BuildingQueries queries, IAccessScope scope, BuildingEconomyDbContext db, IAuthorizationService authorization) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public int? SubdistrictId { get; set; }
    [BindProperty(SupportsGet = true)] public BuildingGrade? Grade { get; set; }
    [BindProperty(SupportsGet = true)] public bool IncludeArchived { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public Paged<BuildingSummary> Result { get; private set; } = new([], 1, PageSize, 0);
    public IReadOnlyList<Subdistrict> Subdistricts { get; private set; } = [];
    public bool CanManage { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        CanManage = (await authorization.AuthorizeAsync(User, Policies.ManageRegister)).Succeeded;
        Subdistricts = await db.Subdistricts.AsNoTracking().OrderBy(s => s.Code).ToListAsync(cancellationToken);
        Result = await queries.ListAsync(scope.VisibleBuildings(db.Buildings), new BuildingFilter
        {
            Q = Q, SubdistrictId = SubdistrictId, Grade = Grade, IncludeArchived = IncludeArchived, Page = PageNumber, PageSize = PageSize,
        }, cancellationToken);
    }

    public int PageCount => Math.Max(1, (Result.Total + PageSize - 1) / PageSize);
}
