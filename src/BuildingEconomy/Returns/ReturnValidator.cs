using System.Globalization;
using BuildingEconomy.Buildings;

namespace BuildingEconomy.Returns;

/// <summary>What validation needs to know about the building a return is for.</summary>
public sealed record BuildingFacts(int Id, ConstructionStatus Status, int? CompletionYear);

/// <summary>A submission that passed validation: parsed, normalised and ready to store.</summary>
public sealed record ValidatedReturn(
    int BuildingId, DateOnly Period,
    decimal ForSaleArea, decimal ForRentArea, decimal SoldArea, decimal LeasedArea, decimal SelfUseArea, decimal ResidentArea,
    string? CorrectionReason, IReadOnlyList<ReturnLine> Lines);

/// <summary>
/// Checks a submission completely and reports every problem at once, each naming its field or roster row, so the
/// submitter can fix them all in one go. Pure: the caller supplies the building and today's date.
/// </summary>
public static class ReturnValidator
{
    /// <summary>
    /// How far the roster's areas may differ from the totals: 1 m² or 1 % of the total, whichever is larger. Areas are
    /// measured and rounded unit by unit, so exact equality would reject honest returns; the messages state this rule.
    /// </summary>
    public const decimal AbsoluteTolerance = 1m, RelativeTolerance = 0.01m;

    public const int MaxLines = 5_000;

    public static decimal ToleranceFor(decimal total) => Math.Max(AbsoluteTolerance, Math.Round(Math.Abs(total) * RelativeTolerance, 2));

    public static (ValidatedReturn? Return, List<ReturnProblem> Problems) Validate(ReturnSubmission submission, BuildingFacts? building, DateOnly today)
    {
        var problems = new List<ReturnProblem>();
        if (building is null) problems.Add(ReturnProblem.Of("BuildingUnknown", "buildingId", submission.BuildingId));

        var period = ParsePeriod(submission.Period, problems);
        if (period is { } p)
        {
            var currentMonth = new DateOnly(today.Year, today.Month, 1);
            if (p > currentMonth) problems.Add(ReturnProblem.Of("PeriodInFuture", "period", submission.Period!));
            else if (building is { CompletionYear: { } year } && p.Year < year)
                problems.Add(ReturnProblem.Of("PeriodBeforeBuilding", "period", submission.Period!, year));
            else if (building is { CompletionYear: null } && building.Status != ConstructionStatus.Completed)
                problems.Add(ReturnProblem.Of("BuildingNotCompleted", "period"));
        }

        var forSale = Figure(submission.ForSaleArea, "forSaleArea", "ForSaleArea", problems);
        var forRent = Figure(submission.ForRentArea, "forRentArea", "ForRentArea", problems);
        var sold = Figure(submission.SoldArea, "soldArea", "SoldArea", problems);
        var leased = Figure(submission.LeasedArea, "leasedArea", "LeasedArea", problems);
        var selfUse = Figure(submission.SelfUseArea, "selfUseArea", "SelfUseArea", problems);
        var resident = Figure(submission.ResidentArea, "residentArea", "ResidentArea", problems);

        if (sold is { } s1 && forSale is { } fs && s1 > fs) problems.Add(ReturnProblem.Of("SoldExceedsForSale", "soldArea", s1, fs));
        if (leased is { } l1 && forRent is { } fr && l1 > fr) problems.Add(ReturnProblem.Of("LeasedExceedsForRent", "leasedArea", l1, fr));
        if (resident is { } r1 && sold is { } s2 && leased is { } l2 && selfUse is { } su && r1 > s2 + l2 + su)
            problems.Add(ReturnProblem.Of("ResidentExceedsSignedAndSelfUse", "residentArea", r1, s2 + l2 + su));

        var reason = string.IsNullOrWhiteSpace(submission.CorrectionReason) ? null : submission.CorrectionReason.Trim();
        if (reason is { Length: > 500 }) problems.Add(ReturnProblem.Of("TextTooLong", "correctionReason", "@Returns.Field.CorrectionReason", 500));

        var lines = ValidateLines(submission.Lines, period, problems);

        if (lines is not null)
        {
            var signed = lines.Where(l => l.State != TenantState.MovedOut).ToList();
            CompareRoster(signed.Where(l => l.Purchased).Sum(l => l.Area), sold, "RosterSoldMismatch", "soldArea", problems);
            CompareRoster(signed.Where(l => !l.Purchased).Sum(l => l.Area), leased, "RosterLeasedMismatch", "leasedArea", problems);
            if (resident is { } reported && selfUse is { } selfUseArea)
            {
                // Resident area may include the owner's own occupied floors, so it lies between the roster's resident
                // enterprises and that plus the self-use area.
                var rosterResident = lines.Where(l => l.State == TenantState.Resident).Sum(l => l.Area);
                var tolerance = ToleranceFor(reported);
                if (reported < rosterResident - tolerance || reported > rosterResident + selfUseArea + tolerance)
                    problems.Add(ReturnProblem.Of("RosterResidentMismatch", "residentArea", rosterResident, reported, rosterResident + selfUseArea, tolerance));
            }
            var bases = lines.Where(l => l.TaxAmount is not null && l.TaxBasis is not null).Select(l => l.TaxBasis).Distinct().Count();
            if (bases > 1) problems.Add(ReturnProblem.Of("TaxBasisMixed", "lines"));
        }

        if (problems.Count > 0 || building is null || period is null || lines is null) return (null, problems);
        return (new ValidatedReturn(building.Id, period.Value, forSale!.Value, forRent!.Value, sold!.Value, leased!.Value,
            selfUse!.Value, resident!.Value, reason, lines), problems);
    }

    public static DateOnly? ParsePeriod(string? text, List<ReturnProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            problems.Add(ReturnProblem.Of("PeriodMissing", "period"));
            return null;
        }
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var period) && period.Year >= 1900)
            return period;
        problems.Add(ReturnProblem.Of("PeriodFormat", "period", text));
        return null;
    }

    public static string FormatPeriod(DateOnly period) => period.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static decimal? Figure(decimal? value, string field, string label, List<ReturnProblem> problems)
    {
        switch (value)
        {
            case null:
                problems.Add(ReturnProblem.Of("FigureMissing", field, $"@Returns.Field.{label}"));
                return null;
            case < 0:
                problems.Add(ReturnProblem.Of("FigureNegative", field, $"@Returns.Field.{label}"));
                return null;
            case > 99_999_999m:
                problems.Add(ReturnProblem.Of("FigureTooLarge", field, $"@Returns.Field.{label}"));
                return null;
            default:
                return Math.Round(value.Value, 2);
        }
    }

    private static void CompareRoster(decimal roster, decimal? reported, string code, string field, List<ReturnProblem> problems)
    {
        if (reported is not { } total) return;
        var tolerance = ToleranceFor(total);
        if (Math.Abs(roster - total) > tolerance) problems.Add(ReturnProblem.Of(code, field, roster, total, Math.Abs(roster - total), tolerance));
    }

    private static List<ReturnLine>? ValidateLines(List<ReturnLineInput>? inputs, DateOnly? period, List<ReturnProblem> problems)
    {
        inputs ??= [];
        if (inputs.Count > MaxLines)
        {
            problems.Add(ReturnProblem.Of("TooManyLines", "lines", MaxLines));
            return null;
        }
        var lines = new List<ReturnLine>(inputs.Count);
        var firstRowOfCode = new Dictionary<string, int>(StringComparer.Ordinal);
        var valid = true;
        var periodEnd = period?.AddMonths(1).AddDays(-1);
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            var row = input.SourceRow ?? i + 1;
            var path = $"lines[{i}]";
            var before = problems.Count;

            var code = input.CreditCode is null ? null : UnifiedSocialCreditCode.Normalise(input.CreditCode);
            if (UnifiedSocialCreditCode.Check(code) is { } codeProblem)
            {
                problems.Add(ReturnProblem.OfRow($"CreditCode{codeProblem}", $"{path}.creditCode", row, code ?? ""));
            }
            else if (firstRowOfCode.TryGetValue(code!, out var firstRow))
            {
                problems.Add(ReturnProblem.OfRow("LineDuplicate", $"{path}.creditCode", row, code!, firstRow));
            }
            else
            {
                firstRowOfCode[code!] = row;
            }

            var name = input.EnterpriseName?.Trim();
            if (string.IsNullOrEmpty(name)) problems.Add(ReturnProblem.OfRow("LineNameMissing", $"{path}.enterpriseName", row));
            else if (name.Length > 150) problems.Add(ReturnProblem.OfRow("LineTextTooLong", $"{path}.enterpriseName", row, "@Returns.Field.EnterpriseName", 150));
            var units = string.IsNullOrWhiteSpace(input.Units) ? null : input.Units.Trim();
            if (units is { Length: > 100 }) problems.Add(ReturnProblem.OfRow("LineTextTooLong", $"{path}.units", row, "@Returns.Field.Units", 100));
            var place = string.IsNullOrWhiteSpace(input.RegisteredPlace) ? null : input.RegisteredPlace.Trim();
            if (place is { Length: > 100 }) problems.Add(ReturnProblem.OfRow("LineTextTooLong", $"{path}.registeredPlace", row, "@Returns.Field.RegisteredPlace", 100));

            if (input.Area is not { } area || area <= 0) problems.Add(ReturnProblem.OfRow("LineAreaNotPositive", $"{path}.area", row));
            else if (area > 9_999_999m) problems.Add(ReturnProblem.OfRow("LineAreaTooLarge", $"{path}.area", row));

            if (input.State is null) problems.Add(ReturnProblem.OfRow("LineStateMissing", $"{path}.state", row));
            if (input.State == TenantState.Resident && input.MovedInOn is null)
                problems.Add(ReturnProblem.OfRow("LineMovedInMissing", $"{path}.movedInOn", row));
            if (input.MovedInOn is { } movedIn && periodEnd is { } end && movedIn > end)
                problems.Add(ReturnProblem.OfRow("LineMovedInAfterPeriod", $"{path}.movedInOn", row, movedIn));

            var section = string.IsNullOrWhiteSpace(input.IndustrySection) ? null : input.IndustrySection.Trim().ToUpperInvariant();
            if (section is not null && (section.Length != 1 || section[0] < 'A' || section[0] > 'T'))
                problems.Add(ReturnProblem.OfRow("LineIndustrySection", $"{path}.industrySection", row, section));
            if (input.Employees is < 0) problems.Add(ReturnProblem.OfRow("LineEmployeesNegative", $"{path}.employees", row));
            if (input.TaxAmount is < 0) problems.Add(ReturnProblem.OfRow("LineTaxNegative", $"{path}.taxAmount", row));
            if (input.TaxAmount is not null && input.TaxBasis is null) problems.Add(ReturnProblem.OfRow("LineTaxWithoutBasis", $"{path}.taxBasis", row));

            if (problems.Count > before)
            {
                valid = false;
                continue;
            }
            lines.Add(new ReturnLine
            {
                LineNumber = i + 1,
                CreditCode = code!,
                EnterpriseName = name!,
                Units = units,
                Area = Math.Round(input.Area!.Value, 2),
                Purchased = input.Purchased,
                State = input.State!.Value,
                MovedInOn = input.MovedInOn,
                RegisteredLocally = input.RegisteredLocally,
                RegisteredPlace = place,
                Employees = input.Employees,
                IndustrySection = section,
                TaxAmount = input.TaxAmount is { } tax ? Math.Round(tax, 2) : null,
                TaxBasis = input.TaxAmount is null ? null : input.TaxBasis,
            });
        }
        return valid ? lines : null;
    }
}
