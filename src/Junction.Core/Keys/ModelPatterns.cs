namespace Junction.Keys;

/// <summary>
/// Allowed-model lists: exact public names, or patterns where <c>*</c> matches any run of characters
/// (<c>gpt-4o*</c>, <c>*-mini</c>, <c>*</c>). An empty list allows every model.
/// </summary>
public static class ModelPatterns
{
    public static bool Allows(IReadOnlyList<string> patterns, string model)
    {
        if (patterns.Count == 0)
        {
            return true;
        }

        foreach (var pattern in patterns)
        {
            if (Matches(pattern, model))
            {
                return true;
            }
        }

        return false;
    }

    public static bool Matches(string pattern, string model)
    {
        var star = pattern.IndexOf('*', StringComparison.Ordinal);
        if (star < 0)
        {
            return string.Equals(pattern, model, StringComparison.Ordinal);
        }

        var parts = pattern.Split('*');
        if (!model.StartsWith(parts[0], StringComparison.Ordinal) || !model.EndsWith(parts[^1], StringComparison.Ordinal)
            || model.Length < parts[0].Length + parts[^1].Length)
        {
            return false;
        }

        var position = parts[0].Length;
        var end = model.Length - parts[^1].Length;
        for (var i = 1; i < parts.Length - 1; i++)
        {
            var found = model.IndexOf(parts[i], position, end - position, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            position = found + parts[i].Length;
        }

        return true;
    }
}
