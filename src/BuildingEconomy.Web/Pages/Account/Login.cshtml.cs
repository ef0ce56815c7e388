using System.ComponentModel.DataAnnotations;
using BuildingEconomy.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace BuildingEconomy.Web.Pages.Account;

[AllowAnonymous]
[EnableRateLimiting(AccountsSetup.LoginRateLimit)]
public sealed class LoginModel(SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>A resource key; one message for a wrong name and a wrong password, so names cannot be probed.</summary>
    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var result = await signIn.PasswordSignInAsync(Input.UserName.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded) return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        Error = result.IsLockedOut ? "Account.LoginLockedOut" : "Account.LoginFailed";
        return Page();
    }
}

public sealed class LoginInput
{
    [Required(ErrorMessage = "Account.FieldRequired")]
    [Display(Name = "Account.FieldUserName")]
    public string UserName { get; set; } = "";

    [Required(ErrorMessage = "Account.FieldRequired")]
    [DataType(DataType.Password)]
    [Display(Name = "Account.FieldPassword")]
    public string Password { get; set; } = "";
}
