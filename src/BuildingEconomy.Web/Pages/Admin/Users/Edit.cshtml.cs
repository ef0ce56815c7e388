using BuildingEconomy.Accounts;
using BuildingEconomy.Data;
using BuildingEconomy.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BuildingEconomy.Web.Pages.Admin.Users;

/// <summary>One user: name, roles and district; lock and unlock; set a new password.</summary>
[Authorize(Policy = Policies.Administer)]
public sealed class EditModel(UserManager<AppUser> users, BuildingEconomyDbContext db, IStringLocalizer<SharedResource> text, TimeProvider clock) : PageModel
{
    public AppUser? Account { get; private set; }
    public bool LockedOut { get; private set; }

    /// <summary>A resource key saying what the last action did.</summary>
    public string? Message { get; private set; }

    [BindProperty]
    public UserInput Input { get; set; } = new();

    [BindProperty]
    public string? NewPassword { get; set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken, keepPostedInput: true)) return NotFound();
        if (!ModelState.IsValid) return Page();

        var wanted = UserForm.KnownRoles(Input.Roles);
        if (IsSelf && !wanted.Contains(Roles.Administrator)) return Failed("Account.CannotDemoteSelf");

        Account!.DisplayName = Input.DisplayName.Trim();
        Account.DistrictId = Input.DistrictId;
        var result = await users.UpdateAsync(Account);
        var current = await users.GetRolesAsync(Account);
        if (result.Succeeded && current.Except(wanted).ToList() is { Count: > 0 } removed) result = await users.RemoveFromRolesAsync(Account, removed);
        if (result.Succeeded && wanted.Except(current).ToList() is { Count: > 0 } added) result = await users.AddToRolesAsync(Account, added);
        // A new stamp makes the user's browser pick up the new roles at its next check (within a minute).
        if (result.Succeeded) result = await users.UpdateSecurityStampAsync(Account);
        return result.Succeeded ? Done("Account.UserSaved") : Failed(result);
    }

    public async Task<IActionResult> OnPostLockAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        if (IsSelf) return Failed("Account.CannotLockSelf");
        var result = await users.SetLockoutEnabledAsync(Account!, true);
        if (result.Succeeded) result = await users.SetLockoutEndDateAsync(Account!, DateTimeOffset.MaxValue);
        // Ends the user's sessions at their next check; API tokens stop at once (they check the lock on every call).
        if (result.Succeeded) result = await users.UpdateSecurityStampAsync(Account!);
        return result.Succeeded ? Done("Account.UserLocked") : Failed(result);
    }

    public async Task<IActionResult> OnPostUnlockAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        var result = await users.SetLockoutEndDateAsync(Account!, null);
        if (result.Succeeded) result = await users.ResetAccessFailedCountAsync(Account!);
        return result.Succeeded ? Done("Account.UserUnlocked") : Failed(result);
    }

    public async Task<IActionResult> OnPostPasswordAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        if (string.IsNullOrEmpty(NewPassword)) return Failed("Account.PasswordRequired");
        // Checked before the old password is removed, so a rejected password never leaves the user without one.
        foreach (var validator in users.PasswordValidators)
        {
            if (await validator.ValidateAsync(users, Account!, NewPassword) is { Succeeded: false } invalid) return Failed(invalid);
        }
        var result = await users.RemovePasswordAsync(Account!);
        if (result.Succeeded) result = await users.AddPasswordAsync(Account!, NewPassword);
        return result.Succeeded ? Done("Account.PasswordSet") : Failed(result);
    }

    private bool IsSelf => Account?.Id == users.GetUserId(User);

    /// <summary>The user, and unless the save form was posted, the save form filled from the stored user.</summary>
    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken, bool keepPostedInput = false)
    {
        Account = await users.FindByIdAsync(id);
        if (Account is null) return false;
        if (!keepPostedInput)
        {
            ModelState.Clear();
            Input = new UserInput { DisplayName = Account.DisplayName, DistrictId = Account.DistrictId, Roles = [.. await users.GetRolesAsync(Account)] };
        }
        LockedOut = Account.LockoutEnd > clock.GetUtcNow();
        ViewData[UserForm.DistrictsKey] = await UserForm.DistrictOptionsAsync(db, text["Account.AllDistricts"], cancellationToken);
        return true;
    }

    private IActionResult Done(string message)
    {
        LockedOut = Account!.LockoutEnd > clock.GetUtcNow();
        Message = message;
        NewPassword = null;
        return Page();
    }

    private PageResult Failed(string message)
    {
        ModelState.AddModelError(string.Empty, text[message]);
        return Page();
    }

    private PageResult Failed(IdentityResult result)
    {
        foreach (var error in result.Errors) ModelState.AddModelError(string.Empty, error.Description);
        return Page();
    }
}
