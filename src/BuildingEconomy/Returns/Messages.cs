namespace BuildingEconomy.Returns;

/// <summary>
/// A monthly return was stored and awaits applying. Written to the outbox in the same transaction as the return,
/// so it is published at least once; the consumer reads everything else from the database by <see cref="ReturnId"/>.
/// </summary>
public sealed record MonthlyReturnSubmitted(long ReturnId, int BuildingId, DateOnly Period, int Version);

/// <summary>
/// A return's figures are now the building's figures for <see cref="Period"/>: dashboards, search and notifications
/// refresh from here. <see cref="SupersededReturnId"/> is the earlier version a correction replaced, if any.
/// </summary>
public sealed record MonthlyReturnApplied(long ReturnId, int BuildingId, DateOnly Period, int Version, long? SupersededReturnId);
