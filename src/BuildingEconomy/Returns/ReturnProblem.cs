using System.Globalization;
using Microsoft.Extensions.Localization;

namespace BuildingEconomy.Returns;

/// <summary>
/// One reason a return cannot be accepted. <see cref="Code"/> is stable for machine clients; the text comes from the
/// resource <c>Returns.Problem.{Code}</c> with <see cref="Args"/>, rendered in the reader's language. Arguments are
/// stored pre-formatted, and one starting with '@' is itself a resource key (a field's name), so a stored problem can
/// be shown later in either language.
/// </summary>
/// <param name="Field">The JSON path of the field, e.g. <c>soldArea</c> or <c>lines[3].creditCode</c>.</param>
/// <param name="Row">The roster row (1-based, or the spreadsheet row for an upload); null for a return-level problem.</param>
public sealed record ReturnProblem(string Code, string Field, int? Row, IReadOnlyList<string> Args)
{
    public static ReturnProblem Of(string code, string field, params object[] args) => new(code, field, null, Format(args));

    public static ReturnProblem OfRow(string code, string field, int row, params object[] args) =>
        new(code, field, row, Format([row, .. args]));

    public string Describe(IStringLocalizer localizer)
    {
        var args = Args.Select(a => a.StartsWith('@') ? (object)localizer[a[1..]].Value : a).ToArray();
        return localizer[$"Returns.Problem.{Code}", args].Value;
    }

    private static string[] Format(object[] args) => args.Select(a => a switch
    {
        decimal d => d.ToString("N2", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => a?.ToString() ?? "",
    }).ToArray();
}
