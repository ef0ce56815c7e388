using System.ComponentModel.DataAnnotations;
using BuildingEconomy.Accounts;
using BuildingEconomy.Data;
using BuildingEconomy.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BuildingEconomy.Web.Pages.Admin;

public sealed record TokenRow(int Id, string Name, string Prefix, string UserName, DateTimeOffset CreatedAt, string? CreatedBy, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt);

public sealed class IssueTokenInput
{
    [Required(ErrorMessage = "Account.FieldRequired")]
    [Display(Name = "Account.FieldUser")]
    public string UserId { get; set; } = "";

    [Required(ErrorMessage = "Account.FieldRequired")]
    [StringLength(100, ErrorMessage = "Account.FieldTooLong")]
    [Display(Name = "Account.FieldTokenName")]
    public string Name { get; set; } = "";

    /// <summary>Empty for a token that does not expire.</summary>
    [Range(1, 3650, ErrorMessage = "Account.FieldRange")]
    [Display(Name = "Account.FieldExpiresInDays")]
    public int? ExpiresInDays { get; set; }
}

/// <summary>API tokens: issue one for a user (the secret is shown once, here, and never again), revoke one.</summary>
[Authorize(Policy = Policies.Administer)]
public sealed class TokensModel(BuildingEconomyDbContext db, IStringLocalizer<SharedResource> text, TimeProvider clock) : PageModel
{
    public IReadOnlyList<TokenRow> Tokens { get; private set; } = [];
    public IReadOnlyList<AssignableUser> Users { get; private set; } = [];

    /// <summary>Set only in the response to issuing; it is not stored anywhere.</summary>
    public string? IssuedSecret { get; private set; }

    [BindProperty]
    public IssueTokenInput Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostIssueAsync(CancellationToken cancellationToken)
    {
        if (!await db.Users.AnyAsync(u => u.Id == Input.UserId, cancellationToken)) ModelState.AddModelError("Input.UserId", text["Account.AssignmentUserRequired"]);
        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }
        var now = clock.GetUtcNow();
        var (token, secret) = ApiTokens.Create(Input.UserId, Input.Name.Trim(), User.Identity?.Name, now,
            Input.ExpiresInDays is { } days ? now.AddDays(days) : null);
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);

        // Rendered, not redirected: the secret must not travel in a URL or sit in TempData, and no cache may keep it.
        Response.Headers.CacheControl = "no-store";
        IssuedSecret = secret;
        Input = new();
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id, CancellationToken cancellationToken)
    {
        var token = await db.ApiTokens.FindAsync([id], cancellationToken);
        if (token is null) return NotFound();
        token.RevokedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Users = await db.Users.AsNoTracking().OrderBy(u => u.UserName)
            .Select(u => new AssignableUser(u.Id, u.UserName ?? u.Id, u.DisplayName))
            .ToListAsync(cancellationToken);
        Tokens = await db.ApiTokens.AsNoTracking()
            .OrderBy(t => t.RevokedAt != null).ThenByDescending(t => t.CreatedAt)
            .Select(t => new TokenRow(t.Id, t.Name, t.Prefix, t.User!.UserName ?? t.UserId, t.CreatedAt, t.CreatedBy, t.ExpiresAt, t.RevokedAt))
            .ToListAsync(cancellationToken);
    }
}
