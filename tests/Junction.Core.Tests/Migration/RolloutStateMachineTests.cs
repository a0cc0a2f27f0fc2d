using Junction.Migration;

namespace Junction.Tests.Migration;

public class RolloutStateMachineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static readonly RolloutPolicy Policy = new("claude-sonnet", [5, 25, 50, 100], TimeSpan.FromHours(1), 200)
    {
        ErrorRateAbove = 0.02,
        P95LatencyRatioAbove = 1.5,
    };

    private static readonly SideStats Healthy = new(300, 2, TimeSpan.FromMilliseconds(800));
    private static readonly SideStats Baseline = new(3000, 20, TimeSpan.FromMilliseconds(700));

    [Fact]
    public void Evaluate_HealthyLongEnough_PromotesThroughEveryStepThenCompletes()
    {
        var state = RolloutState.Start("gpt-4o", Policy, T0);
        var now = T0;
        var percents = new List<double> { state.Percent(Policy) };
        for (var i = 0; i < 4; i++)
        {
            now += TimeSpan.FromHours(1);
            var transition = RolloutStateMachine.Evaluate(state, Policy, Baseline, Healthy, now);
            Assert.NotNull(transition);
            state = transition!.To;
            percents.Add(state.Percent(Policy));
        }

        Assert.Equal([5, 25, 50, 100, 100], percents);
        Assert.Equal(RolloutStatus.Completed, state.Status);
        Assert.Null(RolloutStateMachine.Evaluate(state, Policy, Baseline, Healthy, now + TimeSpan.FromHours(5)));
    }

    [Fact]
    public void Evaluate_TooEarlyOrTooFewRequests_DoesNotPromote()
    {
        var state = RolloutState.Start("gpt-4o", Policy, T0);
        Assert.Null(RolloutStateMachine.Evaluate(state, Policy, Baseline, Healthy, T0 + TimeSpan.FromMinutes(59)));
        Assert.Null(RolloutStateMachine.Evaluate(state, Policy, Baseline, Healthy with { Requests = 199 }, T0 + TimeSpan.FromHours(2)));
    }

    [Fact]
    public void Evaluate_ErrorRateAboveThreshold_RollsBackAtOnceWithFigures()
    {
        var state = RolloutState.Start("gpt-4o", Policy, T0) with { StepIndex = 2 };
        var transition = RolloutStateMachine.Evaluate(state, Policy, Baseline, new SideStats(50, 5, TimeSpan.FromMilliseconds(700)), T0 + TimeSpan.FromMinutes(1));
        Assert.Equal("rollback", transition!.Action);
        Assert.Equal(RolloutStatus.RolledBack, transition.To.Status);
        Assert.Equal(0, transition.To.Percent(Policy));
        Assert.Contains("10.0", transition.Reason, StringComparison.Ordinal);
        Assert.Null(RolloutStateMachine.Evaluate(transition.To, Policy, Baseline, Healthy, T0 + TimeSpan.FromHours(9)));
    }

    [Fact]
    public void Evaluate_P95RatioAboveThreshold_RollsBack()
    {
        var state = RolloutState.Start("gpt-4o", Policy, T0);
        var transition = RolloutStateMachine.Evaluate(state, Policy, Baseline, new SideStats(100, 0, TimeSpan.FromMilliseconds(1200)), T0 + TimeSpan.FromMinutes(1));
        Assert.Equal("rollback", transition!.Action);
        Assert.Contains("1.71", transition.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_OneUnluckyCall_IsNotEnoughToRollBack()
    {
        var state = RolloutState.Start("gpt-4o", Policy, T0);
        Assert.Null(RolloutStateMachine.Evaluate(state, Policy, Baseline, new SideStats(1, 1, null), T0 + TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void Manual_PauseResumePromoteRollback()
    {
        var state = RolloutState.Start("gpt-4o", Policy, T0);
        var paused = RolloutStateMachine.Pause(state, T0, "alice").To;
        Assert.Equal(RolloutStatus.Paused, paused.Status);
        Assert.Equal(5, paused.Percent(Policy));
        Assert.Null(RolloutStateMachine.Evaluate(paused, Policy, Baseline, Healthy, T0 + TimeSpan.FromHours(3)));

        var promoted = RolloutStateMachine.Promote(paused, Policy, T0, "alice").To;
        Assert.Equal(25, promoted.Percent(Policy));
        var rolledBack = RolloutStateMachine.Rollback(promoted, T0, "bob").To;
        Assert.Equal(0, rolledBack.Percent(Policy));
        var resumed = RolloutStateMachine.Resume(rolledBack, T0 + TimeSpan.FromMinutes(5), "bob");
        Assert.Equal(25, resumed.To.Percent(Policy));
        Assert.Equal(RolloutStatus.Active, resumed.To.Status);
        Assert.Equal("bob", resumed.Actor);
    }
}
