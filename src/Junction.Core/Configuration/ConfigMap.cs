using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Junction.Configuration;

/// <summary>
/// A YAML mapping with its key path. Typed accessors expand <c>${VAR}</c>, record a <see cref="ConfigError"/>
/// (path and line, never the value) on a wrong type and return null, and remember which keys were asked for;
/// every key never asked for is reported as unknown at the end of the load. Absent keys and YAML nulls
/// (<c>~</c>, <c>null</c>, nothing) read as null.
/// </summary>
internal sealed class ConfigMap
{
    private readonly ConfigReadContext _context;
    private readonly Dictionary<string, (int Line, YamlNode Value)> _entries = new(StringComparer.Ordinal);
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    /// <param name="node">The mapping; null stands in for a list item that is not a mapping, so indexes stay right.</param>
    /// <param name="path">The key path of the mapping.</param>
    /// <param name="line">The 1-based line of the mapping.</param>
    /// <param name="context">The load this map belongs to.</param>
    private ConfigMap(YamlMappingNode? node, string path, int line, ConfigReadContext context)
    {
        _context = context;
        Path = path;
        Line = line;
        foreach (var (key, value) in node?.Children ?? Enumerable.Empty<KeyValuePair<YamlNode, YamlNode>>())
        {
            if (key is YamlScalarNode { Value: { Length: > 0 } name })
            {
                _entries[name] = (LineOf(key), value);
            }
            else
            {
                context.AddError(path, LineOf(key), "keys must be non-empty strings");
            }
        }

        context.Track(this);
    }

    /// <summary>The key path of this mapping, such as <c>models[0]</c>; empty for the document.</summary>
    public string Path { get; }

    /// <summary>The 1-based line where this mapping starts.</summary>
    public int Line { get; }

    public static ConfigMap Root(YamlMappingNode node, ConfigReadContext context) => new(node, "", LineOf(node), context);

    /// <summary>A string; <c>''</c> reads as empty.</summary>
    public string? String(string key) => Scalar(key, "a string");

    /// <summary>A string where empty (for example <c>${ORG:-}</c>) means unset.</summary>
    public string? OptionalString(string key) => NullIfEmpty(Scalar(key, "a string"));

    /// <summary>A secret string: read like <see cref="OptionalString"/>; it is never echoed in any error.</summary>
    public string? Secret(string key) => NullIfEmpty(Scalar(key, "a string"));

    public int? Int(string key) =>
        Parse(key, "an integer", static (string s, out int v) =>
            int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out v));

    public double? Double(string key) =>
        Parse(key, "a number", static (string s, out double v) =>
            double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out v) && double.IsFinite(v));

    public bool? Bool(string key) =>
        Parse(key, "true or false", static (string s, out bool v) => bool.TryParse(s, out v));

    /// <summary>Whether <paramref name="key"/> is present at all (without marking it as read).</summary>
    public bool Has(string key) => _entries.ContainsKey(key);

    /// <summary>Whether <paramref name="key"/> holds a single non-null value rather than a mapping or a list.</summary>
    public bool HasScalar(string key) =>
        _entries.TryGetValue(key, out var entry) && entry.Value is YamlScalarNode scalar && !IsNull(scalar);

    /// <summary>Records a problem with the value of <paramref name="key"/> (never echoing the value).</summary>
    public void AddError(string key, string message)
    {
        var path = Child(key);
        _context.AddError(path, _entries.TryGetValue(key, out var entry) ? entry.Line : Line, message);
    }

    /// <summary>A nested mapping; null when absent or not a mapping.</summary>
    public ConfigMap? Map(string key)
    {
        if (!TryGet(key, out var path, out var value))
        {
            return null;
        }

        if (value is YamlMappingNode mapping)
        {
            return new ConfigMap(mapping, path, LineOf(mapping), _context);
        }

        WrongType(path, value, "a mapping");
        return null;
    }

    /// <summary>
    /// A list of mappings (<c>models</c>, <c>deployments</c>). An item that is not a mapping is an error and reads
    /// as an empty mapping, so the indexes of the items after it still match the file.
    /// </summary>
    public IReadOnlyList<ConfigMap> List(string key)
    {
        var items = new List<ConfigMap>();
        foreach (var (itemPath, item) in Sequence(key))
        {
            var mapping = item as YamlMappingNode;
            if (mapping is null)
            {
                WrongType(itemPath, item, "a mapping");
            }

            items.Add(new ConfigMap(mapping, itemPath, LineOf(item), _context));
        }

        return items;
    }

    /// <summary>A list of strings.</summary>
    public IReadOnlyList<string> StringList(string key)
    {
        var items = new List<string>();
        foreach (var (itemPath, item) in Sequence(key))
        {
            if (item is YamlScalarNode scalar && !IsNull(scalar))
            {
                items.Add(_context.Expand(scalar.Value ?? "", itemPath, LineOf(item)));
            }
            else
            {
                WrongType(itemPath, item, "a string");
            }
        }

        return items;
    }

    /// <summary>A mapping of string to string (<c>headers</c>); values are expanded.</summary>
    public Dictionary<string, string>? StringMap(string key)
    {
        if (Map(key) is not { } map)
        {
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, (line, value)) in map._entries)
        {
            if (value is YamlScalarNode scalar && IsNull(scalar))
            {
                map._known.Add(name);
                _context.AddError(map.Child(name), line, "must be a string, not null");
            }
            else if (map.String(name) is { } text)
            {
                result[name] = text;
            }
        }

        return result;
    }

    internal void ReportUnknownKeys()
    {
        foreach (var (key, (line, _)) in _entries)
        {
            if (_known.Contains(key))
            {
                continue;
            }

            var suggestion = KeySuggester.Suggest(key, _known);
            _context.AddError(Child(key), line, suggestion is null ? "unknown key" : $"unknown key; did you mean '{suggestion}'?");
        }
    }

    private delegate bool TryParse<T>(string text, out T value);

    private T? Parse<T>(string key, string expected, TryParse<T> tryParse)
        where T : struct
    {
        var text = Scalar(key, expected);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (tryParse(text.Trim(), out var value))
        {
            return value;
        }

        var path = Child(key);
        _context.AddError(path, _context.Lines[path], $"must be {expected}");
        return null;
    }

    private string? Scalar(string key, string expected)
    {
        if (!TryGet(key, out var path, out var value))
        {
            return null;
        }

        if (value is YamlScalarNode scalar)
        {
            return _context.Expand(scalar.Value ?? "", path, LineOf(value));
        }

        WrongType(path, value, expected);
        return null;
    }

    private IEnumerable<(string Path, YamlNode Item)> Sequence(string key)
    {
        if (!TryGet(key, out var path, out var value))
        {
            yield break;
        }

        if (value is not YamlSequenceNode sequence)
        {
            WrongType(path, value, "a list");
            yield break;
        }

        var index = 0;
        foreach (var item in sequence.Children)
        {
            var itemPath = $"{path}[{index++}]";
            _context.Lines[itemPath] = LineOf(item);
            yield return (itemPath, item);
        }
    }

    /// <summary>Marks <paramref name="key"/> as known and finds its value; false when absent or null.</summary>
    private bool TryGet(string key, out string path, out YamlNode value)
    {
        _known.Add(key);
        path = Child(key);
        if (!_entries.TryGetValue(key, out var entry))
        {
            value = null!;
            return false;
        }

        _context.Lines[path] = entry.Line;
        value = entry.Value;
        return !(value is YamlScalarNode scalar && IsNull(scalar));
    }

    private void WrongType(string path, YamlNode value, string expected)
    {
        var actual = value switch
        {
            YamlMappingNode => "a mapping",
            YamlSequenceNode => "a list",
            _ => "a single value",
        };
        _context.AddError(path, LineOf(value), $"must be {expected}, not {actual}");
    }

    private string Child(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    /// <summary>True for the YAML null forms: nothing, <c>~</c>, <c>null</c> (unquoted).</summary>
    internal static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style is ScalarStyle.Plain or ScalarStyle.Any && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static int LineOf(YamlNode node) => (int)Math.Min(node.Start.Line, int.MaxValue);
}
