using BuildingEconomy.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace BuildingEconomy.Accounts;

/// <summary>Identity's messages in the user's language; only those a user of these pages can meet.</summary>
public sealed class LocalizedIdentityErrorDescriber(IStringLocalizer<SharedResource> text) : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Error(nameof(DefaultError), text["Account.IdentityDefaultError"]);

    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), text["Account.IdentityConcurrencyFailure"]);

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), text["Account.IdentityPasswordMismatch"]);

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), text["Account.IdentityDuplicateUserName", userName]);

    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), text["Account.IdentityInvalidUserName", userName ?? ""]);

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), text["Account.IdentityPasswordTooShort", length]);

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), text["Account.IdentityPasswordRequiresDigit"]);

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), text["Account.IdentityPasswordRequiresLower"]);

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        Error(nameof(PasswordRequiresUniqueChars), text["Account.IdentityPasswordRequiresUniqueChars", uniqueChars]);

    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), text["Account.IdentityUserAlreadyInRole", role]);

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
