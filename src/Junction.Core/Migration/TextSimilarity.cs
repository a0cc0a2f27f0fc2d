using System.Text;

namespace Junction.Migration;

/// <summary>
/// How alike two answers' texts are. <see cref="Normalize"/> lower-cases, folds runs of white space and drops
/// punctuation at word edges, so formatting noise does not count; <see cref="Score"/> is then 1 − (word-level edit
/// distance ÷ the longer text's word count): 1 for the same words in the same order, 0 for nothing in common.
/// Word-level (not character-level) keeps it meaningful for prose and cheap for long answers.
/// </summary>
public static class TextSimilarity
{
    /// <summary>Texts longer than this many words are compared on their first this-many words.</summary>
    public const int MaxWords = 2000;

    public static bool ExactMatch(string? a, string? b) => string.Equals(a ?? "", b ?? "", StringComparison.Ordinal);

    public static double Score(string? a, string? b)
    {
        var left = Words(a);
        var right = Words(b);
        if (left.Count == 0 && right.Count == 0)
        {
            return 1;
        }

        var distance = EditDistance(left, right);
        return 1 - (distance / (double)Math.Max(left.Count, right.Count));
    }

    public static string Normalize(string? text) => string.Join(' ', Words(text));

    private static List<string> Words(string? text)
    {
        var words = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return words;
        }

        var builder = new StringBuilder();
        foreach (var raw in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var word = raw.AsSpan().Trim(".,;:!?\"'()[]{}*_`");
            if (word.IsEmpty)
            {
                continue;
            }

            builder.Clear();
            foreach (var c in word)
            {
                builder.Append(char.ToLowerInvariant(c));
            }

            words.Add(builder.ToString());
            if (words.Count == MaxWords)
            {
                break;
            }
        }

        return words;
    }

    private static int EditDistance(List<string> a, List<string> b)
    {
        var previous = new int[b.Count + 1];
        var current = new int[b.Count + 1];
        for (var j = 0; j <= b.Count; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Count; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Count; j++)
            {
                var cost = string.Equals(a[i - 1], b[j - 1], StringComparison.Ordinal) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Count];
    }
}
