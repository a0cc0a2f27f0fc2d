using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Junction.Server.Tests.Infrastructure;

/// <summary>One sample line: <c>name{label="value",...} value</c>.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public string Label(string name) => Labels.TryGetValue(name, out var value) ? value : "";

    /// <summary>The series identity: name and sorted labels.</summary>
    public string SeriesKey => Name + "{" + string.Join(",", Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")) + "}";
}

/// <summary>
/// A strict parser for the Prometheus text exposition format (0.0.4): <c># HELP</c>, <c>#TYPE</c> and samples with
/// escaped label values. Throws <see cref="FormatException"/> on anything malformed, on a sample whose family has no
/// <c># TYPE</c> before it, and on a histogram bucket without <c>le</c>.
/// </summary>
public sealed partial class PrometheusText
{
    private static readonly string[] KnownTypes = ["counter", "gauge", "histogram", "summary", "untyped"];

    public Dictionary<string, string> Types { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Help { get; } = new(StringComparer.Ordinal);

    public List<PrometheusSample> Samples { get; } = [];

    public static PrometheusText Parse(string text)
    {
        var result = new PrometheusText();
        var lineNumber = 0;
        foreach (var line in text.Split('\n'))
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            try
            {
                result.ParseLine(line);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or IndexOutOfRangeException)
            {
                throw new FormatException($"line {lineNumber}: {ex.Message}: {line}", ex);
            }
        }

        return result;
    }

    /// <summary>Samples named <paramref name="name"/> whose labels include every given pair.</summary>
    public IEnumerable<PrometheusSample> Find(string name, params (string Label, string Value)[] labels) =>
        Samples.Where(s => s.Name == name && labels.All(l => s.Label(l.Label) == l.Value));

    /// <summary>The sum of the matching samples' values (0 when none match).</summary>
    public double Sum(string name, params (string Label, string Value)[] labels) => Find(name, labels).Sum(s => s.Value);

    private void ParseLine(string line)
    {
        if (line.StartsWith('#'))
        {
            var parts = line.Split(' ', 4);
            if (parts.Length >= 3 && parts[1] == "TYPE")
            {
                RequireName(parts[2]);
                if (parts.Length != 4 || !KnownTypes.Contains(parts[3]))
                {
                    throw new FormatException("bad TYPE");
                }

                if (!Types.TryAdd(parts[2], parts[3]))
                {
                    throw new FormatException("TYPE given twice");
                }
            }
            else if (parts.Length >= 3 && parts[1] == "HELP")
            {
                RequireName(parts[2]);
                Help[parts[2]] = parts.Length == 4 ? parts[3] : "";
            }

            return;
        }

        var nameEnd = line.IndexOfAny(['{', ' ']);
        if (nameEnd <= 0)
        {
            throw new FormatException("no metric name");
        }

        var name = line[..nameEnd];
        RequireName(name);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = nameEnd;
        if (line[i] == '{')
        {
            i = ParseLabels(line, i + 1, labels);
        }

        if (i >= line.Length || line[i] != ' ')
        {
            throw new FormatException("no value");
        }

        var valueParts = line[(i + 1)..].Split(' ');
        if (valueParts.Length is < 1 or > 2)
        {
            throw new FormatException("bad value");
        }

        var value = valueParts[0] switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            var v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        if (valueParts.Length == 2)
        {
            _ = long.Parse(valueParts[1], CultureInfo.InvariantCulture);
        }

        var family = FamilyOf(name) ?? throw new FormatException($"no # TYPE for {name}");
        if (Types[family] == "histogram" && name.EndsWith("_bucket", StringComparison.Ordinal) && !labels.ContainsKey("le"))
        {
            throw new FormatException("bucket without le");
        }

        Samples.Add(new PrometheusSample(name, labels, value));
    }

    private string? FamilyOf(string name)
    {
        if (Types.ContainsKey(name))
        {
            return name;
        }

        foreach (var suffix in (string[])["_bucket", "_sum", "_count", "_total"])
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && Types.ContainsKey(name[..^suffix.Length]))
            {
                return name[..^suffix.Length];
            }
        }

        return null;
    }

    private static int ParseLabels(string line, int i, Dictionary<string, string> labels)
    {
        while (true)
        {
            if (line[i] == '}')
            {
                return i + 1;
            }

            var eq = line.IndexOf('=', i);
            var labelName = line[i..eq];
            if (!LabelName().IsMatch(labelName))
            {
                throw new FormatException($"bad label name '{labelName}'");
            }

            if (line[eq + 1] != '"')
            {
                throw new FormatException("label value not quoted");
            }

            var value = new StringBuilder();
            i = eq + 2;
            while (line[i] != '"')
            {
                if (line[i] == '\\')
                {
                    i++;
                    value.Append(line[i] switch
                    {
                        'n' => '\n',
                        '\\' => '\\',
                        '"' => '"',
                        _ => throw new FormatException("bad escape"),
                    });
                }
                else
                {
                    value.Append(line[i]);
                }

                i++;
            }

            if (!labels.TryAdd(labelName, value.ToString()))
            {
                throw new FormatException($"label {labelName} given twice");
            }

            i++;
            if (line[i] == ',')
            {
                i++;
            }
            else if (line[i] != '}')
            {
                throw new FormatException("expected , or }");
            }
        }
    }

    private static void RequireName(string name)
    {
        if (!MetricName().IsMatch(name))
        {
            throw new FormatException($"bad metric name '{name}'");
        }
    }

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();
}
