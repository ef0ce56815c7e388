using System.Runtime.CompilerServices;
using BuildingEconomy.Accounts;
using BuildingEconomy.Data;
using Microsoft.EntityFrameworkCore;

namespace BuildingEconomy.Buildings.Register;

/// <summary>Where an enterprise is registered, relative to the platform's districts.</summary>
public enum RegisteredWhere { Here, Elsewhere }

/// <summary>Which enterprises a list shows by their archived flag.</summary>
public enum ArchivedFilter { Active, Archived, All }

public sealed record EnterpriseFilter
{
    /// <summary>Part of the name (2 characters and more go through an index), or the start of the credit code.</summary>
    public string? Q { get; init; }

    /// <summary>Here: registered in one of the platform's districts (or in <see cref="DistrictId"/>); elsewhere: not.</summary>
    public RegisteredWhere? Registered { get; init; }
    public int? DistrictId { get; init; }
    public ArchivedFilter Archived { get; init; } = ArchivedFilter.Active;
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;
}

public sealed record EnterpriseView(
    int Id, string CreditCode, string Name, string? IndustrySection, string? RegisteredDistrictCode, NamedRef? RegisteredDistrict,
    string? RegisteredPlace, bool Archived, DateTimeOffset UpdatedAt);

public sealed record EnterpriseTenancyView(
    long Id, int BuildingId, string BuildingName, long? SpaceId, string? Units, decimal Area, bool Purchased,
    DateOnly SignedOn, DateOnly? MovedInOn, DateOnly? MovedOutOn, bool Resident, bool RegisteredLocally, int? Employees);

/// <summary>
/// Reads of enterprises for the API and the pages. Administrators and investment officers see every enterprise;
/// other roles see the enterprises with a tenancy in a building they may see, and only those tenancies.
/// </summary>
public sealed class EnterpriseQueries(BuildingEconomyDbContext db, IAccessScope scope)
{
    public IQueryable<Enterprise> Visible() => Visible(db.Enterprises);

    private IQueryable<Enterprise> Visible(IQueryable<Enterprise> enterprises)
    {
        if (scope.SeesAllBuildings) return enterprises;
        var buildings = scope.VisibleBuildings(db.Buildings).Select(b => b.Id);
        return enterprises.Where(e => db.Tenancies.Any(t => t.EnterpriseId == e.Id && !t.Archived && buildings.Contains(t.BuildingId)));
    }

    public async Task<Paged<EnterpriseView>> ListAsync(EnterpriseFilter filter, CancellationToken cancellationToken = default)
    {
        var query = Visible(string.IsNullOrWhiteSpace(filter.Q) ? db.Enterprises : Matching(filter.Q.Trim()));
        query = filter.Archived switch
        {
            ArchivedFilter.Active => query.Where(e => !e.Archived),
            ArchivedFilter.Archived => query.Where(e => e.Archived),
            _ => query,
        };
        if (filter.Registered is { } where)
        {
            var here = db.Districts.Where(d => filter.DistrictId == null || d.Id == filter.DistrictId).Select(d => d.AdminCode);
            query = where == RegisteredWhere.Here
                ? query.Where(e => e.RegisteredDistrictCode != null && here.Contains(e.RegisteredDistrictCode))
                : query.Where(e => e.RegisteredDistrictCode == null || !here.Contains(e.RegisteredDistrictCode));
        }

        var pageSize = Math.Clamp(filter.PageSize, 1, BuildingQueries.MaxPageSize);
        var page = Math.Max(1, filter.Page);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.AsNoTracking().OrderBy(e => e.Name).ThenBy(e => e.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        var districts = await DistrictsAsync(cancellationToken);
        return new Paged<EnterpriseView>([.. rows.Select(e => ToView(e, districts))], page, pageSize, total);
    }

    public async Task<EnterpriseView?> GetAsync(int id, CancellationToken cancellationToken = default) =>
        await Visible().AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken) is { } e
            ? ToView(e, await DistrictsAsync(cancellationToken))
            : null;

    /// <summary>Null when the enterprise is not visible to the caller; otherwise its tenancies in the buildings the caller may see.</summary>
    public async Task<IReadOnlyList<EnterpriseTenancyView>?> TenanciesAsync(int id, CancellationToken cancellationToken = default)
    {
        if (!await Visible().AnyAsync(e => e.Id == id, cancellationToken)) return null;
        var buildings = scope.VisibleBuildings(db.Buildings).Select(b => b.Id);
        return await db.Tenancies.AsNoTracking()
            .Where(t => t.EnterpriseId == id && !t.Archived && buildings.Contains(t.BuildingId))
            .OrderBy(t => t.MovedOutOn != null).ThenByDescending(t => t.SignedOn).ThenBy(t => t.Id)
            .Select(t => new EnterpriseTenancyView(t.Id, t.BuildingId, t.Building!.Name, t.SpaceId, t.Units, t.Area, t.Purchased,
                t.SignedOn, t.MovedInOn, t.MovedOutOn, t.MovedInOn != null && t.MovedOutOn == null, t.RegisteredLocally, t.Employees))
            .ToListAsync(cancellationToken);
    }

    public async Task<EnterpriseView> ViewAsync(Enterprise enterprise, CancellationToken cancellationToken = default) =>
        ToView(enterprise, await DistrictsAsync(cancellationToken));

    /// <summary>
    /// Enterprises whose name contains the term or whose credit code starts with it, each through an index: a
    /// 2-character term by the name's 2-character pieces (it has no trigram), a longer one by the trigram index.
    /// A single character can only be scanned for; it is allowed because a small district's list is short.
    /// </summary>
    private IQueryable<Enterprise> Matching(string term)
    {
        var conditions = new List<string>();
        var parameters = new List<object>();
        string Add(object value)
        {
            parameters.Add(value);
            return "{" + (parameters.Count - 1) + "}";
        }

        var lowered = term.ToLowerInvariant();
        conditions.Add(lowered.Length == 2 && !lowered.Any(char.IsWhiteSpace)
            ? $"search_pieces(lower(name)) @@ {Add(TsQueryLexeme(lowered))}::tsquery"
            : $"name ILIKE {Add("%" + EscapeLike(term) + "%")}");
        var code = UnifiedSocialCreditCode.Normalise(term);
        if (code.Length is >= 2 and <= UnifiedSocialCreditCode.Length && code.All(c => UnifiedSocialCreditCode.AlphabetCharacters.Contains(c)))
            conditions.Add($"credit_code LIKE {Add(code + "%")}");
        // The conditions hold only {n} placeholders; every value travels as a parameter.
        return db.Enterprises.FromSql(FormattableStringFactory.Create("SELECT * FROM enterprises WHERE " + string.Join(" OR ", conditions), [.. parameters]));
    }

    private async Task<Dictionary<string, NamedRef>> DistrictsAsync(CancellationToken cancellationToken) =>
        await db.Districts.AsNoTracking().Select(d => new NamedRef(d.Id, d.AdminCode, d.Name, d.NameEn))
            .ToDictionaryAsync(d => d.Code, cancellationToken);

    private static EnterpriseView ToView(Enterprise e, Dictionary<string, NamedRef> districts) =>
        new(e.Id, e.CreditCode, e.Name, e.IndustrySection, e.RegisteredDistrictCode,
            e.RegisteredDistrictCode is { } code ? districts.GetValueOrDefault(code) : null, e.RegisteredPlace, e.Archived, e.UpdatedAt);

    private static string EscapeLike(string term) =>
        term.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);

    /// <summary>A tsquery holding the term verbatim as one lexeme (quoted, so no parser or dictionary touches it).</summary>
    private static string TsQueryLexeme(string term) =>
        "'" + term.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'";
}
