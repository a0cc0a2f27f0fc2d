using System.Globalization;

namespace Junction.Spend;

/// <summary>Reads the <c>since</c>/<c>until</c> of spend queries: a span back from now (<c>30m</c>, <c>24h</c>, <c>7d</c>) or an ISO 8601 date or time (UTC when no offset).</summary>
public static class SpendTime
{
    public static bool TryParse(string? text, DateTimeOffset now, out DateTimeOffset time)
    {
        time = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var unit = text[^1];
        if (unit is 'm' or 'h' or 'd' or 'w' && double.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            var span = unit switch
            {
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                _ => TimeSpan.FromDays(7 * amount),
            };
            time = now - span;
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
    }
}
