namespace Junction.Configuration;

/// <summary>
/// The outcome of loading a config. <see cref="Options"/> is set whenever the document parsed to a mapping,
/// even if it has errors (so tools can show what was bound); use it only when <see cref="IsValid"/>.
/// </summary>
public sealed record ConfigLoadResult(JunctionOptions? Options, IReadOnlyList<ConfigError> Errors)
{
    /// <summary>True when the config bound and validated without errors.</summary>
    public bool IsValid => Errors.Count == 0 && Options != null;
}
