namespace Junction.Configuration;

/// <summary>
/// One problem in a config: the key path (<c>models[0].deployments[1].weight</c>, empty for the whole document),
/// the 1-based line when known, and a message. Messages never contain a value from the config.
/// </summary>
public sealed record ConfigError(string Path, int? Line, string Message)
{
    /// <summary>Formats as <c>models[0].deployments[1].weight (line 12): must be greater than 0</c>.</summary>
    public override string ToString()
    {
        var where = (Path.Length > 0, Line) switch
        {
            (true, { } line) => $"{Path} (line {line})",
            (true, null) => Path,
            (false, { } line) => $"line {line}",
            (false, null) => "",
        };
        return where.Length > 0 ? $"{where}: {Message}" : Message;
    }
}
