using System.ComponentModel.DataAnnotations;
using System.Globalization;
using BuildingEconomy.Data;
using BuildingEconomy.Localization;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace BuildingEconomy.Web.Pages.Admin.Users;

/// <summary>What the create and edit forms share.</summary>
public class UserInput
{
    [Required(ErrorMessage = "Account.FieldRequired")]
    [StringLength(50, ErrorMessage = "Account.FieldTooLong")]
    [Display(Name = "Account.FieldDisplayName")]
    public string DisplayName { get; set; } = "";

    /// <summary>The leader's district; empty for all districts.</summary>
    [Display(Name = "Account.FieldDistrict")]
    public int? DistrictId { get; set; }

    public List<string> Roles { get; set; } = [];
}

public sealed class NewUserInput : UserInput
{
    [Required(ErrorMessage = "Account.FieldRequired")]
    [StringLength(50, ErrorMessage = "Account.FieldTooLong")]
    [RegularExpression("^[A-Za-z0-9._-]+$", ErrorMessage = "Account.UserNameCharacters")]
    [Display(Name = "Account.FieldUserName")]
    public string UserName { get; set; } = "";

    [Required(ErrorMessage = "Account.FieldRequired")]
    [DataType(DataType.Password)]
    [Display(Name = "Account.FieldPassword")]
    public string Password { get; set; } = "";
}

public static class UserForm
{
    public const string DistrictsKey = "Districts";

    public static async Task<List<SelectListItem>> DistrictOptionsAsync(BuildingEconomyDbContext db, string allDistricts, CancellationToken cancellationToken)
    {
        var english = Cultures.IsEnglish(CultureInfo.CurrentUICulture);
        var districts = await db.Districts.AsNoTracking().OrderBy(d => d.AdminCode)
            .Select(d => new { d.Id, Name = english ? d.NameEn : d.Name })
            .ToListAsync(cancellationToken);
        return [new SelectListItem(allDistricts, ""), .. districts.Select(d => new SelectListItem(d.Name, d.Id.ToString(CultureInfo.InvariantCulture)))];
    }

    /// <summary>Only the five known roles; anything else in a posted form is dropped.</summary>
    public static List<string> KnownRoles(IEnumerable<string> posted) => [.. Accounts.Roles.All.Where(posted.Contains)];
}
