using BuildingEconomy.Accounts;
using BuildingEconomy.Buildings.Import;
using BuildingEconomy.Buildings.Register;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BuildingEconomy.Web.Pages.Buildings;

/// <summary>
/// Upload a file, see the dry-run report, then apply it. The upload is kept in a temporary file between the two
/// steps under a random token, so the user does not upload it twice and what is applied is what was previewed.
/// </summary>
[Authorize(Policy = Policies.ManageRegister)]
[RequestSizeLimit(RegisterImportApi.MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = RegisterImportApi.MaxUploadBytes)]
public sealed class ImportModel(RegisterImport import, BoundaryImport boundaries) : PageModel
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "building-economy-imports");

    [BindProperty] public string Kind { get; set; } = "register";
    [BindProperty] public string? Token { get; set; }
    [BindProperty] public string? FileName { get; set; }

    public ImportReport? Report { get; private set; }
    public string? Error { get; private set; }

    public static readonly string[] Kinds = ["register", "buildings", "spaces", "boundaries"];

    public void OnGet() { }

    public async Task<IActionResult> OnPostPreviewAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0 || !Kinds.Contains(Kind)) { Error = "Register.Import.ChooseFile"; return Page(); }
        Directory.CreateDirectory(Folder);
        Token = Guid.NewGuid().ToString("N");
        FileName = Path.GetFileName(file.FileName);
        await using (var saved = System.IO.File.Create(PathOf(Token)))
        {
            await file.CopyToAsync(saved, cancellationToken);
        }
        Report = await RunAsync(dryRun: true, cancellationToken);
        if (!Report.Accepted) Discard();
        return Page();
    }

    public async Task<IActionResult> OnPostApplyAsync(CancellationToken cancellationToken)
    {
        if (Token is null || !Guid.TryParseExact(Token, "N", out _) || !System.IO.File.Exists(PathOf(Token)) || !Kinds.Contains(Kind))
        {
            Error = "Register.Import.Expired";
            return Page();
        }
        Report = await RunAsync(dryRun: false, cancellationToken);
        Discard();
        return Page();
    }

    private async Task<ImportReport> RunAsync(bool dryRun, CancellationToken cancellationToken)
    {
        await using var stream = System.IO.File.OpenRead(PathOf(Token!));
        return Kind == "boundaries"
            ? await boundaries.RunAsync(stream, dryRun, cancellationToken)
            : await import.RunAsync(stream, FileName ?? "", RegisterImportApi.ParseKind(Kind)!.Value, dryRun, AuditActor.Of(User), cancellationToken);
    }

    private void Discard()
    {
        if (Token is not null && System.IO.File.Exists(PathOf(Token))) System.IO.File.Delete(PathOf(Token));
    }

    private static string PathOf(string token) => Path.Combine(Folder, token);
}
