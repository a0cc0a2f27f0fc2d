namespace Junction.Budgets;

/// <summary>
/// Budget periods and their UTC windows: <c>daily</c> starts at 00:00 UTC, <c>weekly</c> on Monday 00:00 UTC,
/// <c>monthly</c> on the 1st at 00:00 UTC; <c>total</c> never resets.
/// </summary>
public static class BudgetPeriods
{
    public const string Daily = "daily";
    public const string Weekly = "weekly";
    public const string Monthly = "monthly";
    public const string Total = "total";

    /// <summary>The period used when a budget names none.</summary>
    public const string Default = Monthly;

    public static readonly string[] All = [Daily, Weekly, Monthly, Total];

    public static bool IsKnown(string? period) => period is Daily or Weekly or Monthly or Total;

    /// <summary>When the window containing <paramref name="now"/> started (Unix epoch for <c>total</c>).</summary>
    public static DateTimeOffset WindowStart(string period, DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        var day = new DateTimeOffset(utc.Year, utc.Month, utc.Day, 0, 0, 0, TimeSpan.Zero);
        return period switch
        {
            Daily => day,
            Weekly => day.AddDays(-(((int)utc.DayOfWeek + 6) % 7)),
            Monthly => new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero),
            Total => DateTimeOffset.UnixEpoch,
            _ => throw new ArgumentOutOfRangeException(nameof(period), period, "unknown budget period"),
        };
    }

    /// <summary>When the window containing <paramref name="now"/> ends; null for <c>total</c>.</summary>
    public static DateTimeOffset? WindowEnd(string period, DateTimeOffset now)
    {
        var start = WindowStart(period, now);
        return period switch
        {
            Daily => start.AddDays(1),
            Weekly => start.AddDays(7),
            Monthly => start.AddMonths(1),
            _ => null,
        };
    }
}
