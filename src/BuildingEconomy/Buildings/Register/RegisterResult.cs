namespace BuildingEconomy.Buildings.Register;

/// <summary>
/// What a register write came to: saved (with the value), refused with problems naming fields, held back because
/// likely duplicates exist, or not found. Exactly one applies.
/// </summary>
public sealed class RegisterResult<T> where T : class
{
    public T? Value { get; private init; }
    public IReadOnlyList<FieldProblem> Problems { get; private init; } = [];
    public IReadOnlyList<DuplicateCandidate> Duplicates { get; private init; } = [];
    public bool NotFound { get; private init; }

    public bool Succeeded => Value is not null;

    public static RegisterResult<T> Saved(T value) => new() { Value = value };
    public static RegisterResult<T> Invalid(IReadOnlyList<FieldProblem> problems) => new() { Problems = problems };
    public static RegisterResult<T> LikelyDuplicates(IReadOnlyList<DuplicateCandidate> duplicates) => new() { Duplicates = duplicates };
    public static RegisterResult<T> Missing() => new() { NotFound = true };
}
