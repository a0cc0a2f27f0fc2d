using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Junction.Configuration;

/// <summary>
/// Loads <c>junction.yaml</c>: parses it (keeping line numbers), expands <c>${VAR}</c> per scalar, binds
/// <see cref="JunctionOptions"/> explicitly (no reflection), then runs <see cref="JunctionOptionsValidator"/>.
/// Every problem is collected in one pass; no message ever contains a value from the config.
/// </summary>
public static class JunctionConfigLoader
{
    /// <summary>Loads the file at <paramref name="path"/>; a missing file gives one error naming the path.</summary>
    public static ConfigLoadResult LoadFile(string path, Func<string, string?>? getEnvironmentVariable = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Fail(new ConfigError("", null, $"config file '{path}' was not found"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Fail(new ConfigError("", null, $"config file '{path}' could not be read: {ex.GetType().Name}"));
        }

        return LoadText(text, path, getEnvironmentVariable ?? Environment.GetEnvironmentVariable);
    }

    /// <summary>Loads YAML text; <paramref name="sourceName"/> names it in document-level errors.</summary>
    public static ConfigLoadResult LoadText(string yaml, string sourceName, Func<string, string?> getEnvironmentVariable)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            return Fail(new ConfigError("", LineOf(ex.Start), DescribeSyntaxError(ex, yaml)));
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode scalar && ConfigMap.IsNull(scalar))
        {
            return Fail(new ConfigError("", null, $"'{sourceName}' is empty; expected a mapping with at least 'models'"));
        }

        if (stream.Documents.Count > 1)
        {
            return Fail(new ConfigError("", LineOf(stream.Documents[1].RootNode.Start), "only one YAML document is allowed (found '---')"));
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return Fail(new ConfigError("", LineOf(stream.Documents[0].RootNode.Start), $"the top level of '{sourceName}' must be a mapping"));
        }

        var context = new ConfigReadContext(getEnvironmentVariable);
        var options = JunctionOptions.Read(ConfigMap.Root(root, context));
        context.ReportUnknownKeys();

        // Validators know the entry a problem is in; point at the exact key line when it was in the file.
        // A key the reader already complained about (wrong type, not a mapping) is not reported again by validation.
        var readErrors = context.Errors;
        var validationErrors = JunctionOptionsValidator.Validate(options)
            .Where(error => !readErrors.Exists(read => IsWithin(error.Path, read.Path)))
            .Select(error => context.Lines.TryGetValue(error.Path, out var line) ? error with { Line = line } : error);
        return new ConfigLoadResult(options, [.. readErrors.Concat(validationErrors).OrderBy(static e => e.Line ?? 0)]);
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="parent"/> or a key or item under it.</summary>
    private static bool IsWithin(string path, string parent) =>
        parent.Length > 0
        && path.StartsWith(parent, StringComparison.Ordinal)
        && (path.Length == parent.Length || path[parent.Length] is '.' or '[');

    /// <summary>
    /// YamlDotNet's syntax messages are fixed texts, except "Duplicate key" which names the key: that one is
    /// replaced. A <c>${VAR}</c> inside <c>{ }</c> or <c>[ ]</c> must be quoted (braces end a plain flow scalar), so say so.
    /// </summary>
    private static string DescribeSyntaxError(YamlException ex, string yaml)
    {
        if (ex.Message.StartsWith("Duplicate key", StringComparison.Ordinal))
        {
            return "duplicate key";
        }

        var message = $"invalid YAML: {ex.Message.TrimEnd('.')}";
        return ex.Message.Contains("flow", StringComparison.Ordinal) && yaml.Contains("${", StringComparison.Ordinal)
            ? message + " (quote a ${VAR} reference inside { } or [ ], like key: \"${VAR}\")"
            : message;
    }

    private static ConfigLoadResult Fail(ConfigError error) => new(null, [error]);

    private static int? LineOf(Mark mark) => mark.Line > 0 ? (int)Math.Min(mark.Line, int.MaxValue) : null;
}
