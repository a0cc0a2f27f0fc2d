namespace Junction.Configuration;

/// <summary>
/// State shared by every <see cref="ConfigMap"/> of one load: the errors so far, the line of every key read
/// (so validation errors can point at the exact key), the environment, and the maps to check for unknown keys.
/// </summary>
internal sealed class ConfigReadContext(Func<string, string?> getEnvironmentVariable)
{
    private readonly List<ConfigMap> _maps = [];

    public List<ConfigError> Errors { get; } = [];

    /// <summary>Key path to the 1-based line of that key.</summary>
    public Dictionary<string, int> Lines { get; } = new(StringComparer.Ordinal);

    public void AddError(string path, int line, string message) =>
        Errors.Add(new ConfigError(path, line > 0 ? line : null, message));

    public string Expand(string text, string path, int line) =>
        EnvironmentExpander.Expand(text, getEnvironmentVariable, message => AddError(path, line, message));

    public void Track(ConfigMap map) => _maps.Add(map);

    public void ReportUnknownKeys()
    {
        foreach (var map in _maps)
        {
            map.ReportUnknownKeys();
        }
    }
}
