namespace BuildingEconomy.Buildings.Import;

/// <summary>One reason a row was refused: where (sheet, row as the user numbers it, column header) and why, in the reader's language.</summary>
public sealed record ImportProblem(string Sheet, int Row, string Column, string Message);

/// <summary>A row that may enter a building that is already registered under another key.</summary>
public sealed record ImportDuplicateWarning(int Row, string ExternalKey, string Name, int ExistingId, string ExistingKey, string ExistingName, double DistanceMetres);

public sealed record ImportCounts(int Rows, int Created, int Updated, int Unchanged);

/// <summary>
/// The outcome of an import or its dry run. With any problem nothing is stored; otherwise the counts say what was
/// (or, in a dry run, would be) created, updated and left unchanged.
/// </summary>
public sealed record ImportReport(
    bool DryRun,
    bool Applied,
    ImportCounts Buildings,
    ImportCounts Spaces,
    IReadOnlyList<ImportProblem> Problems,
    IReadOnlyList<ImportDuplicateWarning> LikelyDuplicates)
{
    public bool Accepted => Problems.Count == 0;
}
