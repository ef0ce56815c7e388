using System.Globalization;
using System.Resources;
using BuildingEconomy.Buildings;
using BuildingEconomy.Localization;
using BuildingEconomy.Returns;

namespace BuildingEconomy.Tests.Returns;

public class ReturnValidatorTests
{
    private static readonly DateOnly Today = new(2026, 11, 15);
    private static readonly BuildingFacts Building = new(7, ConstructionStatus.Completed, 2010);

    // Valid codes: the check character is computed, not typed in.
    internal static string Code(int n) =>
        $"91440300MA{n:D7}" is var first17 ? first17 + UnifiedSocialCreditCode.CheckCharacter(first17) : "";

    internal static ReturnSubmission Valid() => new()
    {
        BuildingId = 7,
        Period = "2026-10",
        ForSaleArea = 1_000,
        ForRentArea = 3_000,
        SoldArea = 800,
        LeasedArea = 2_000,
        SelfUseArea = 200,
        ResidentArea = 2_100,
        Lines =
        [
            Line(1, 800, purchased: true, TenantState.Resident),
            Line(2, 1_200, purchased: false, TenantState.Resident),
            Line(3, 800, purchased: false, TenantState.Signed),
            Line(4, 300, purchased: false, TenantState.MovedOut),
        ],
    };

    internal static ReturnLineInput Line(int n, decimal area, bool purchased, TenantState state) => new()
    {
        CreditCode = Code(n),
        EnterpriseName = $"测试企业{n}有限公司",
        Units = $"{n}01",
        Area = area,
        Purchased = purchased,
        State = state,
        MovedInOn = state == TenantState.Resident ? new DateOnly(2025, 3, 1) : null,
        RegisteredLocally = n % 2 == 0,
        RegisteredPlace = n % 2 == 0 ? null : "深圳市南山区",
        IndustrySection = "I",
    };

    [Fact]
    public void A_consistent_return_is_accepted_and_normalised()
    {
        var submission = Valid();
        submission.Lines[0].CreditCode = " " + submission.Lines[0].CreditCode!.ToLowerInvariant().Insert(4, " ");
        var (valid, problems) = ReturnValidator.Validate(submission, Building, Today);
        Assert.Empty(problems);
        Assert.NotNull(valid);
        Assert.Equal(new DateOnly(2026, 10, 1), valid.Period);
        Assert.Equal(Code(1), valid.Lines[0].CreditCode);
        Assert.Equal([1, 2, 3, 4], valid.Lines.Select(l => l.LineNumber));
    }

    [Theory]
    [InlineData(null, "PeriodMissing")]
    [InlineData("2026/10", "PeriodFormat")]
    [InlineData("October", "PeriodFormat")]
    [InlineData("2026-12", "PeriodInFuture")]
    [InlineData("2009-12", "PeriodBeforeBuilding")]
    public void The_period_must_be_a_past_month_of_the_buildings_life(string? period, string code)
    {
        var submission = Valid();
        submission.Period = period;
        // Only the period's own problem, whatever else a wrong month makes look odd (move-in dates after it).
        var problem = Assert.Single(ReturnValidator.Validate(submission, Building, Today).Problems, p => p.Field == "period");
        Assert.Equal(code, problem.Code);
    }

    [Fact]
    public void The_current_month_may_be_reported()
    {
        var submission = Valid();
        submission.Period = "2026-11";
        Assert.Empty(ReturnValidator.Validate(submission, Building, Today).Problems);
    }

    [Fact]
    public void A_wrong_check_character_names_the_row_and_the_code()
    {
        var submission = Valid();
        var code = Code(3);
        var wrong = code[..17] + (code[17] == '0' ? '1' : '0');
        submission.Lines[2].CreditCode = wrong;
        var problem = Assert.Single(ReturnValidator.Validate(submission, Building, Today).Problems);
        Assert.Equal("CreditCodeWrongCheckCharacter", problem.Code);
        Assert.Equal("lines[2].creditCode", problem.Field);
        Assert.Equal(3, problem.Row);
        Assert.Equal(["3", wrong], problem.Args);
    }

    [Fact]
    public void Totals_must_respect_their_limits()
    {
        var submission = Valid();
        submission.SoldArea = 1_200;
        submission.LeasedArea = 3_500;
        submission.ResidentArea = 9_000;
        submission.Lines = [];
        var codes = ReturnValidator.Validate(submission, Building, Today).Problems.Select(p => p.Code).ToList();
        Assert.Contains("SoldExceedsForSale", codes);
        Assert.Contains("LeasedExceedsForRent", codes);
        Assert.Contains("ResidentExceedsSignedAndSelfUse", codes);
    }

    [Fact]
    public void The_roster_must_add_up_to_the_totals_within_one_square_metre_or_one_percent()
    {
        var submission = Valid();
        submission.Lines[1].Area = 1_200 + 19.9m; // leased 2,019.90 against 2,000: within 1 %
        submission.ResidentArea = 2_119.9m;
        Assert.Empty(ReturnValidator.Validate(submission, Building, Today).Problems);

        submission.Lines[1].Area = 1_200 + 20.5m;
        submission.ResidentArea = 2_120.5m;
        var problem = Assert.Single(ReturnValidator.Validate(submission, Building, Today).Problems);
        Assert.Equal("RosterLeasedMismatch", problem.Code);
        Assert.Equal(["2,020.50", "2,000.00", "20.50", "20.00"], problem.Args);

        var small = Valid();
        small.SoldArea = 50;
        small.Lines[0].Area = 51.2m; // 1.2 m² off a 50 m² total: over the 1 m² floor
        small.ResidentArea = 1_300m;
        Assert.Contains(ReturnValidator.Validate(small, Building, Today).Problems, p => p.Code == "RosterSoldMismatch");
    }

    [Fact]
    public void Resident_area_may_include_self_use_but_not_more()
    {
        var submission = Valid();
        submission.ResidentArea = 2_000 + 200; // roster resident 2,000 plus all self-use
        Assert.Empty(ReturnValidator.Validate(submission, Building, Today).Problems);
        submission.ResidentArea = 1_900;
        Assert.Equal("RosterResidentMismatch", Assert.Single(ReturnValidator.Validate(submission, Building, Today).Problems).Code);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var submission = Valid();
        submission.Period = "2026-13";
        submission.ForSaleArea = null;
        submission.Lines[1].CreditCode = submission.Lines[0].CreditCode;
        submission.Lines[2].EnterpriseName = " ";
        submission.Lines[2].Area = 0;
        submission.Lines[3].State = null;
        submission.Lines[3].IndustrySection = "Z";
        submission.Lines[3].TaxAmount = 100;
        var problems = ReturnValidator.Validate(submission, null, Today).Problems;
        Assert.Equal(
            ["BuildingUnknown", "PeriodFormat", "FigureMissing", "LineDuplicate", "LineNameMissing", "LineAreaNotPositive", "LineStateMissing", "LineIndustrySection", "LineTaxWithoutBasis"],
            problems.Select(p => p.Code));
        Assert.Equal([null, null, null, 2, 3, 3, 4, 4, 4], problems.Select(p => p.Row));
        Assert.Equal(["2", Code(1), "1"], problems[3].Args);
    }

    [Fact]
    public void A_spreadsheet_row_replaces_the_line_number_in_messages()
    {
        var submission = Valid();
        submission.Lines[1].SourceRow = 12;
        submission.Lines[1].Area = -3;
        var problem = Assert.Single(ReturnValidator.Validate(submission, Building, Today).Problems);
        Assert.Equal(12, problem.Row);
        Assert.Equal("lines[1].area", problem.Field);
    }

    [Fact]
    public void Resident_lines_need_a_move_in_date_within_the_month()
    {
        var submission = Valid();
        submission.Lines[0].MovedInOn = null;
        submission.Lines[1].MovedInOn = new DateOnly(2026, 11, 2);
        Assert.Equal(["LineMovedInMissing", "LineMovedInAfterPeriod"],
            ReturnValidator.Validate(submission, Building, Today).Problems.Select(p => p.Code));
    }

    [Fact]
    public void Tax_figures_of_one_return_share_a_basis()
    {
        var submission = Valid();
        submission.Lines[0].TaxAmount = 1_000;
        submission.Lines[0].TaxBasis = TaxBasis.AllTaxes;
        submission.Lines[1].TaxAmount = 1_000;
        submission.Lines[1].TaxBasis = TaxBasis.DistrictRevenue;
        Assert.Equal("TaxBasisMixed", Assert.Single(ReturnValidator.Validate(submission, Building, Today).Problems).Code);
    }

    [Theory]
    [InlineData(2026, 10, 10, "2026-11-10")]
    [InlineData(2026, 1, 31, "2026-02-28")]
    public void Due_date_is_a_day_of_the_following_month(int year, int month, int dueDay, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, CultureInfo.InvariantCulture), ReturnsCalendar.DueDate(new DateOnly(year, month, 1), dueDay));

    public static TheoryData<string> ProblemCodes() =>
    [
        "BuildingUnknown", "PeriodMissing", "PeriodFormat", "PeriodInFuture", "PeriodBeforeBuilding", "BuildingNotCompleted",
        "FigureMissing", "FigureNegative", "FigureTooLarge", "SoldExceedsForSale", "LeasedExceedsForRent",
        "ResidentExceedsSignedAndSelfUse", "RosterSoldMismatch", "RosterLeasedMismatch", "RosterResidentMismatch",
        "TaxBasisMixed", "TooManyLines", "TextTooLong", "LineDuplicate", "LineNameMissing", "LineTextTooLong",
        "LineAreaNotPositive", "LineAreaTooLarge", "LineStateMissing", "LineMovedInMissing", "LineMovedInAfterPeriod",
        "LineIndustrySection", "LineEmployeesNegative", "LineTaxNegative", "LineTaxWithoutBasis",
        "CorrectionReasonRequired", "IdempotencyKeyReused", "IdempotencyKeyTooLong",
        .. Enum.GetNames<CreditCodeProblem>().Select(p => "CreditCode" + p),
    ];

    [Theory]
    [MemberData(nameof(ProblemCodes))]
    public void Every_problem_reads_in_chinese_and_english(string code)
    {
        var resources = new ResourceManager(typeof(SharedResource));
        var chinese = resources.GetString($"Returns.Problem.{code}", CultureInfo.GetCultureInfo("zh-CN"));
        var english = resources.GetString($"Returns.Problem.{code}", CultureInfo.GetCultureInfo("en"));
        Assert.False(string.IsNullOrEmpty(chinese));
        Assert.False(string.IsNullOrEmpty(english));
        Assert.NotEqual(chinese, english);
    }
}
