using System.Globalization;

namespace Junction.Spend;

/// <summary>A keyset paging position in the spend log: the time and id of the last row seen (rendered <c>ms_id</c>).</summary>
public sealed record SpendCursor(long AtMs, string Id)
{
    public override string ToString() => AtMs.ToString(CultureInfo.InvariantCulture) + "_" + Id;

    public static bool TryParse(string? text, out SpendCursor? cursor)
    {
        cursor = null;
        var split = text?.IndexOf('_', StringComparison.Ordinal) ?? -1;
        if (split <= 0 || !long.TryParse(text.AsSpan(0, split), NumberStyles.None, CultureInfo.InvariantCulture, out var ms) || split == text!.Length - 1)
        {
            return false;
        }

        cursor = new SpendCursor(ms, text[(split + 1)..]);
        return true;
    }

    public static SpendCursor Of(SpendRecord record) => new(record.At.ToUnixTimeMilliseconds(), record.Id);
}
