using System.Text;

namespace Junction.Configuration;

/// <summary>
/// Expands <c>${VAR}</c> and <c>${VAR:-default}</c> anywhere in a scalar; <c>$${</c> is a literal <c>${</c>.
/// The default is used when the variable is unset or empty, and runs to the first <c>}</c> (no nesting).
/// Expanded text is not expanded again.
/// </summary>
internal static class EnvironmentExpander
{
    public static string Expand(string text, Func<string, string?> getEnvironmentVariable, Action<string> reportError)
    {
        if (!text.Contains('$', StringComparison.Ordinal))
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (string.CompareOrdinal(text, i, "$${", 0, 3) == 0)
            {
                result.Append("${");
                i += 3;
                continue;
            }

            if (string.CompareOrdinal(text, i, "${", 0, 2) != 0)
            {
                result.Append(text[i]);
                i++;
                continue;
            }

            var close = text.IndexOf('}', i + 2);
            if (close < 0)
            {
                reportError("has a '${' without a closing '}'");
                return result.ToString();
            }

            result.Append(Substitute(text.AsSpan(i + 2, close - i - 2), getEnvironmentVariable, reportError));
            i = close + 1;
        }

        return result.ToString();
    }

    private static string Substitute(ReadOnlySpan<char> reference, Func<string, string?> getEnvironmentVariable, Action<string> reportError)
    {
        var separator = reference.IndexOf(":-", StringComparison.Ordinal);
        var name = separator < 0 ? reference : reference[..separator];
        if (!IsVariableName(name))
        {
            // The text is not a valid name, so it may be a value pasted in by mistake: never echo it.
            reportError("has an invalid environment variable reference (expected ${NAME} or ${NAME:-default})");
            return "";
        }

        var nameText = name.ToString();
        var value = getEnvironmentVariable(nameText);
        if (separator >= 0 && string.IsNullOrEmpty(value))
        {
            return reference[(separator + 2)..].ToString();
        }

        if (value is null)
        {
            reportError($"environment variable '{nameText}' is not set (use ${{{nameText}:-default}} to give a default)");
            return "";
        }

        return value;
    }

    private static bool IsVariableName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
