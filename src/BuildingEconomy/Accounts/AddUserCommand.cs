using BuildingEconomy.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace BuildingEconomy.Accounts;

/// <summary><c>BuildingEconomy.Cli add-user --user=NAME --password=PASSWORD [--name=显示名] [--role=Administrator]</c>.</summary>
public static class AddUserCommand
{
    public static async Task<int> RunAsync(BuildingEconomyDbContext db, IConfiguration options, TextWriter output, TextWriter error)
    {
        var userName = options["user"]?.Trim();
        var password = options["password"] ?? "";
        var role = options["role"] ?? Roles.Administrator;
        if (string.IsNullOrEmpty(userName) || !Roles.All.Contains(role))
        {
            await error.WriteLineAsync($"Give --user=NAME and --password=PASSWORD, and --role= one of {string.Join(", ", Roles.All)}.");
            return 2;
        }
        // The same rule the sign-in pages enforce: ten characters with a letter and a digit.
        if (password.Length < Users.MinimumPasswordLength || !password.Any(char.IsDigit) || !password.Any(char.IsLower))
        {
            await error.WriteLineAsync($"The password needs at least {Users.MinimumPasswordLength} characters with a lower-case letter and a digit.");
            return 2;
        }
        var normalized = userName.ToUpperInvariant();
        if (await db.Users.AnyAsync(u => u.NormalizedUserName == normalized))
        {
            await error.WriteLineAsync($"The user {userName} already exists.");
            return 1;
        }
        Users.Add(db, userName, password, options["name"] ?? userName, [role], DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
        await output.WriteLineAsync($"Created {userName} ({role}).");
        return 0;
    }
}
