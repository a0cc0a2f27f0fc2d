using System.Text;
using System.Text.Json;

namespace Junction.TestKit.OpenAI;

/// <summary>
/// The fake's "tokenizer": a reply is cut into word pieces (<c>"echo:"</c>, <c>" hello"</c>, <c>" world"</c>), one
/// piece per token and per streamed chunk; a prompt costs one token per 4 characters (at least 1).
/// </summary>
internal static class FakeText
{
    /// <summary>The end (exclusive) of the piece that starts at <paramref name="start"/>: leading spaces, then a word.</summary>
    public static int PieceEnd(string text, int start)
    {
        int i = start;
        while (i < text.Length && text[i] == ' ')
        {
            i++;
        }

        while (i < text.Length && text[i] != ' ')
        {
            i++;
        }

        return i;
    }

    public static int CountPieces(string text)
    {
        int count = 0;
        for (int i = 0; i < text.Length; i = PieceEnd(text, i))
        {
            count++;
        }

        return count;
    }

    /// <summary>The text made of at most <paramref name="maxPieces"/> pieces.</summary>
    public static string Truncate(string text, int maxPieces)
    {
        int end = 0;
        for (int n = 0; n < maxPieces && end < text.Length; n++)
        {
            end = PieceEnd(text, end);
        }

        return end == text.Length ? text : text[..end];
    }

    public static int PromptTokens(int characters) => Math.Max(1, characters / 4);

    /// <summary>The text of a message <c>content</c>: a string, or the <c>text</c> parts of an array joined with a space.</summary>
    public static string ContentText(JsonElement content)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString()!;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return "";
        }

        StringBuilder? joined = null;
        string? single = null;
        foreach (JsonElement part in content.EnumerateArray())
        {
            if (part.ValueKind == JsonValueKind.Object
                && part.TryGetProperty("text", out JsonElement text)
                && text.ValueKind == JsonValueKind.String)
            {
                if (single is null)
                {
                    single = text.GetString()!;
                }
                else
                {
                    joined ??= new StringBuilder(single);
                    joined.Append(' ').Append(text.GetString());
                }
            }
        }

        return joined?.ToString() ?? single ?? "";
    }
}
