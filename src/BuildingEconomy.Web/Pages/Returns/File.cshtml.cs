using BuildingEconomy.Accounts;
using BuildingEconomy.Data;
using BuildingEconomy.Returns;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BuildingEconomy.Web.Pages.Returns;

/// <summary>
/// The web form: a month's return pre-filled from the month before (or, for a correction, from the month's own
/// return), so only changes need typing. Works without script: blank rows are offered for new tenants, and a button
/// adds more.
/// </summary>
[Authorize(Policy = Policies.FileReturns)]
public sealed class FileModel(ReturnDrafts drafts, ReturnFiling filing, IAccessScope scope, BuildingEconomyDbContext db, TimeProvider time) : PageModel
{
    public const int BlankRows = 3;

    [BindProperty]
    public ReturnSubmission Input { get; set; } = new();

    public string BuildingName { get; private set; } = "";
    public bool IsCorrection { get; private set; }
    public IReadOnlyList<ReturnProblem> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int buildingId, string? period, CancellationToken cancellationToken)
    {
        if (!await scope.CanFileReturnsForAsync(buildingId, cancellationToken)) return NotFound();
        var month = ReturnValidator.ParsePeriod(period, []) ?? ReturnsCalendar.MonthOf(ReturnsCalendar.Today(time)).AddMonths(-1);
        var draft = await drafts.DraftAsync(buildingId, month, cancellationToken);
        if (draft is null) return NotFound();
        Input = draft.Submission;
        IsCorrection = draft.IsCorrection;
        await LoadAsync(addBlankRows: true, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await scope.CanFileReturnsForAsync(Input.BuildingId, cancellationToken)) return NotFound();
        Input.Lines = Input.Lines.Where(l => !IsBlank(l)).ToList();
        var result = await filing.FileAsync(Input, new FilingRequest(ReturnChannel.Web, ReturnsApi.SubmitterName(User)), cancellationToken);
        if (result.Outcome == FilingOutcome.Accepted) return RedirectToPage("/Returns/Details", new { id = result.Return!.Id, filed = true });
        Problems = result.Problems;
        IsCorrection = Problems.Any(p => p.Code == "CorrectionReasonRequired") || !string.IsNullOrEmpty(Input.CorrectionReason);
        // The form shows what was sent, with the reasons beside it; the bound values are the ones to show again.
        ModelState.Clear();
        await LoadAsync(addBlankRows: true, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAddRowsAsync(CancellationToken cancellationToken)
    {
        if (!await scope.CanFileReturnsForAsync(Input.BuildingId, cancellationToken)) return NotFound();
        IsCorrection = !string.IsNullOrEmpty(Input.CorrectionReason);
        ModelState.Clear();
        Input.Lines = Input.Lines.Where(l => !IsBlank(l)).ToList();
        await LoadAsync(addBlankRows: true, cancellationToken, extra: 5);
        return Page();
    }

    /// <summary>The rows that have a problem, by their index in <see cref="Input"/>'s lines.</summary>
    public ISet<int> RowsWithProblems => Problems.Where(p => p.Field.StartsWith("lines[", StringComparison.Ordinal))
        .Select(p => int.Parse(p.Field.AsSpan(6, p.Field.IndexOf(']') - 6), System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();

    private static bool IsBlank(ReturnLineInput line) =>
        string.IsNullOrWhiteSpace(line.CreditCode) && string.IsNullOrWhiteSpace(line.EnterpriseName) && line.Area is null;

    private async Task LoadAsync(bool addBlankRows, CancellationToken cancellationToken, int extra = 0)
    {
        BuildingName = await db.Buildings.Where(b => b.Id == Input.BuildingId).Select(b => b.Name).SingleOrDefaultAsync(cancellationToken) ?? "";
        if (addBlankRows) Input.Lines.AddRange(Enumerable.Range(0, BlankRows + extra).Select(_ => new ReturnLineInput()));
    }
}
