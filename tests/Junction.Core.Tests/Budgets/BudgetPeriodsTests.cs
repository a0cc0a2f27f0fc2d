using Junction.Budgets;

namespace Junction.Tests.Budgets;

public sealed class BudgetPeriodsTests
{
    private static readonly DateTimeOffset Wednesday = new(2025, 6, 18, 15, 30, 0, TimeSpan.FromHours(2));

    [Theory]
    [InlineData(BudgetPeriods.Daily, "2025-06-18T00:00:00Z", "2025-06-19T00:00:00Z")]
    [InlineData(BudgetPeriods.Weekly, "2025-06-16T00:00:00Z", "2025-06-23T00:00:00Z")]
    [InlineData(BudgetPeriods.Monthly, "2025-06-01T00:00:00Z", "2025-07-01T00:00:00Z")]
    public void Window_IsUtcAligned(string period, string start, string end)
    {
        Assert.Equal(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture), BudgetPeriods.WindowStart(period, Wednesday));
        Assert.Equal(DateTimeOffset.Parse(end, System.Globalization.CultureInfo.InvariantCulture), BudgetPeriods.WindowEnd(period, Wednesday));
    }

    [Fact]
    public void Total_NeverResets()
    {
        Assert.Equal(DateTimeOffset.UnixEpoch, BudgetPeriods.WindowStart(BudgetPeriods.Total, Wednesday));
        Assert.Null(BudgetPeriods.WindowEnd(BudgetPeriods.Total, Wednesday));
    }

    [Fact]
    public void Weekly_OnSunday_BelongsToTheWeekStartingMonday()
    {
        var sunday = new DateTimeOffset(2025, 6, 22, 23, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2025, 6, 16, 0, 0, 0, TimeSpan.Zero), BudgetPeriods.WindowStart(BudgetPeriods.Weekly, sunday));
    }

    [Theory]
    [InlineData("0.000000001", 1)]
    [InlineData("0.0000000001", 1)]
    [InlineData("2.5", 2_500_000_000)]
    [InlineData("0", 0)]
    public void Nanos_RoundUp(string usd, long nanos) =>
        Assert.Equal(nanos, Nanos.FromUsd(decimal.Parse(usd, System.Globalization.CultureInfo.InvariantCulture)));
}
