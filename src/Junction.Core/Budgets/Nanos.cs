namespace Junction.Budgets;

/// <summary>
/// Money in counters is whole nano-dollars (1e-9 USD) in a <see cref="long"/>: exact, the same in SQLite, PostgreSQL and
/// Redis (<c>INCRBY</c>), and large enough for 9 billion USD. Rounded up, so a cost is never undercounted.
/// </summary>
public static class Nanos
{
    private const decimal PerUsd = 1_000_000_000m;

    public static long FromUsd(decimal usd) => usd <= 0 ? 0 : (long)Math.Ceiling(Math.Min(usd, long.MaxValue / PerUsd) * PerUsd);

    public static decimal ToUsd(long nanos) => nanos / PerUsd;
}
