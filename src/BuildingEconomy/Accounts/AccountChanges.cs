using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BuildingEconomy.Accounts;

/// <summary>
/// Counts the saves in this process that change who may do what (tokens, users, roles, role grants), so that what
/// was read about an API token before such a save is known to be out of date (see <see cref="ApiTokenCache"/>).
/// </summary>
public sealed class AccountChanges : SaveChangesInterceptor
{
    public static readonly AccountChanges Interceptor = new();

    private static long version;

    private readonly ConditionalWeakTable<DbContext, object> saving = [];

    private AccountChanges()
    {
    }

    public static long Version => Interlocked.Read(ref version);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Saving(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Saving(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Saved(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Counted before the save as well as after it: a token read while the save is under way then carries a count
    /// that the save's end makes old.
    /// </summary>
    private void Saving(DbContext? context)
    {
        if (context is null || !context.ChangeTracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && e.Entity is ApiToken or AppUser or IdentityUserRole<string> or IdentityRole))
        {
            return;
        }
        saving.AddOrUpdate(context, this);
        Interlocked.Increment(ref version);
    }

    private void Saved(DbContext? context)
    {
        if (context is not null && saving.Remove(context)) Interlocked.Increment(ref version);
    }
}
