using BuildingEconomy.Accounts;
using BuildingEconomy.Data;
using BuildingEconomy.Localization;
using BuildingEconomy.Returns;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BuildingEconomy.Web.Pages.Returns;

/// <summary>
/// The Excel route: download the month's template pre-filled, upload it back, get a row-by-row report. A file with
/// any problem stores nothing.
/// </summary>
[Authorize(Policy = Policies.FileReturns)]
public sealed class UploadModel(ReturnDrafts drafts, ReturnFiling filing, IAccessScope scope, BuildingEconomyDbContext db,
    IStringLocalizer<SharedResource> t, TimeProvider time) : PageModel
{
    public const long MaxFileBytes = 5 * 1024 * 1024;

    [BindProperty(SupportsGet = true)]
    public int BuildingId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Period { get; set; }

    public string BuildingName { get; private set; } = "";
    public IReadOnlyList<ReturnProblem> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await scope.CanFileReturnsForAsync(BuildingId, cancellationToken)) return NotFound();
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnGetTemplateAsync(CancellationToken cancellationToken)
    {
        if (!await scope.CanFileReturnsForAsync(BuildingId, cancellationToken)) return NotFound();
        await LoadAsync(cancellationToken);
        var draft = await drafts.DraftAsync(BuildingId, ReturnValidator.ParsePeriod(Period, [])!.Value, cancellationToken);
        if (draft is null) return NotFound();
        var stream = new MemoryStream();
        ReturnWorkbook.Write(stream, draft.Submission, BuildingName, t);
        stream.Position = 0;
        return File(stream, ReturnWorkbook.ContentType, $"return-{BuildingId}-{Period}.xlsx");
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (!await scope.CanFileReturnsForAsync(BuildingId, cancellationToken)) return NotFound();
        await LoadAsync(cancellationToken);
        if (file is null || file.Length == 0 || file.Length > MaxFileBytes)
        {
            Problems = [ReturnProblem.Of("ExcelUnreadable", "file")];
            return Page();
        }
        await using var upload = new MemoryStream();
        await file.CopyToAsync(upload, cancellationToken);
        upload.Position = 0;
        var (submission, problems) = ReturnWorkbook.Read(upload);
        if (submission is null)
        {
            Problems = problems;
            return Page();
        }
        // The file names its building; it must be one the uploader may file for.
        if (!await scope.CanFileReturnsForAsync(submission.BuildingId, cancellationToken))
        {
            Problems = [ReturnProblem.Of("BuildingUnknown", "buildingId", submission.BuildingId)];
            return Page();
        }
        var result = await filing.FileAsync(submission, new FilingRequest(ReturnChannel.Excel, ReturnsApi.SubmitterName(User)), cancellationToken);
        if (result.Outcome == FilingOutcome.Accepted) return RedirectToPage("/Returns/Details", new { id = result.Return!.Id, filed = true });
        Problems = result.Problems;
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (ReturnValidator.ParsePeriod(Period, []) is null)
            Period = ReturnValidator.FormatPeriod(ReturnsCalendar.MonthOf(ReturnsCalendar.Today(time)).AddMonths(-1));
        BuildingName = await db.Buildings.Where(b => b.Id == BuildingId).Select(b => b.Name).SingleOrDefaultAsync(cancellationToken) ?? "";
    }
}
