using BuildingEconomy.Buildings.Register;

namespace BuildingEconomy.Buildings.Import;

/// <summary>A building's spaces after an import, counted once, so each space is judged against the others in constant time.</summary>
internal sealed class SpaceTally
{
    private readonly Dictionary<string, int> units = new(StringComparer.OrdinalIgnoreCase);
    private readonly decimal marketed;
    private readonly decimal selfUse;

    public SpaceTally(IEnumerable<ExistingSpace> spaces)
    {
        foreach (var s in spaces)
        {
            units[s.Unit] = units.GetValueOrDefault(s.Unit) + 1;
            if (s.Status == SpaceStatus.SelfUse) selfUse += s.Area;
            else marketed += s.Area;
        }
    }

    /// <summary>The other spaces, as seen from <paramref name="self"/> (one of those tallied, or null for one that is not).</summary>
    public OtherSpaces Without(ExistingSpace? self)
    {
        var selfUnit = self?.Unit;
        var selfIsSelfUse = self?.Status == SpaceStatus.SelfUse;
        var area = self?.Area ?? 0;
        // External keys within the file are checked as duplicates there; registered ones the file does not name differ by construction.
        return new OtherSpaces(
            unit => units.GetValueOrDefault(unit) > (selfUnit is not null && string.Equals(selfUnit, unit, StringComparison.OrdinalIgnoreCase) ? 1 : 0),
            _ => false,
            marketed - (self is not null && !selfIsSelfUse ? area : 0),
            selfUse - (selfIsSelfUse ? area : 0));
    }
}
