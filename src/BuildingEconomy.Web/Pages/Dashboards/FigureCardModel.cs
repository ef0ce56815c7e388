using BuildingEconomy.Dashboards;

namespace BuildingEconomy.Web.Pages.Dashboards;

/// <summary>A figure card: this month's value beside the month before and the same month a year before.</summary>
public sealed record FigureCardModel(FigureValue Current, FigureValue? PreviousMonth, FigureValue? SameMonthLastYear);
