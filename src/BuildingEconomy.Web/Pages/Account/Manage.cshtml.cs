using System.ComponentModel.DataAnnotations;
using BuildingEconomy.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BuildingEconomy.Web.Pages.Account;

/// <summary>The signed-in user's own account: who they are, their roles, and changing their password.</summary>
[Authorize(Policy = Policies.ViewRegister)]
public sealed class ManageModel(UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    public AppUser? Account { get; private set; }
    public IList<string> AccountRoles { get; private set; } = [];
    public bool Changed { get; private set; }

    [BindProperty]
    public ChangePasswordInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return Challenge();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return Challenge();
        if (!ModelState.IsValid) return Page();
        var result = await users.ChangePasswordAsync(Account!, Input.CurrentPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors) ModelState.AddModelError(string.Empty, error.Description);
            return Page();
        }
        // The password change renewed the security stamp; a fresh cookie keeps this browser signed in.
        await signIn.RefreshSignInAsync(Account!);
        Changed = true;
        Input = new();
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        Account = await users.GetUserAsync(User);
        if (Account is null) return false;
        AccountRoles = await users.GetRolesAsync(Account);
        return true;
    }
}

public sealed class ChangePasswordInput
{
    [Required(ErrorMessage = "Account.FieldRequired")]
    [DataType(DataType.Password)]
    [Display(Name = "Account.FieldCurrentPassword")]
    public string CurrentPassword { get; set; } = "";

    [Required(ErrorMessage = "Account.FieldRequired")]
    [DataType(DataType.Password)]
    [Display(Name = "Account.FieldNewPassword")]
    public string NewPassword { get; set; } = "";

    [Required(ErrorMessage = "Account.FieldRequired")]
    [DataType(DataType.Password)]
    [Compare(nameof(NewPassword), ErrorMessage = "Account.PasswordsDoNotMatch")]
    [Display(Name = "Account.FieldConfirmPassword")]
    public string ConfirmPassword { get; set; } = "";
}
