using Junction.Resilience;
using Junction.Routing;
using static Junction.Tests.Routing.RoutingTestKit;

namespace Junction.Tests.Routing;

public class DeploymentStateTests
{
    private static readonly JunctionError ServerError = new(500, JunctionErrorKind.ServerError, "server_error", "boom");
    private static readonly CooldownPolicy ThreeIn60For30 = new(3, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(30));

    [Fact]
    public void RecordFailure_ThresholdWithinWindow_StartsCooldownForDuration()
    {
        var clock = Clock();
        var state = new DeploymentState();
        state.RecordFailure(clock.GetUtcNow(), ServerError, ThreeIn60For30);
        clock.Advance(TimeSpan.FromSeconds(10));
        state.RecordFailure(clock.GetUtcNow(), ServerError, ThreeIn60For30);
        Assert.False(state.IsCoolingDown(clock.GetUtcNow()));

        clock.Advance(TimeSpan.FromSeconds(10));
        state.RecordFailure(clock.GetUtcNow(), ServerError, ThreeIn60For30);
        Assert.True(state.IsCoolingDown(clock.GetUtcNow()));
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromSeconds(30), state.CooldownUntil(clock.GetUtcNow()));

        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.False(state.IsCoolingDown(clock.GetUtcNow()));
    }

    [Fact]
    public void RecordFailure_FailuresOutsideWindow_DoNotAddUp()
    {
        var clock = Clock();
        var state = new DeploymentState();
        var policy = ThreeIn60For30 with { Window = TimeSpan.FromSeconds(10) };
        for (var i = 0; i < 5; i++)
        {
            state.RecordFailure(clock.GetUtcNow(), ServerError, policy);
            clock.Advance(TimeSpan.FromSeconds(6));
        }

        Assert.False(state.IsCoolingDown(clock.GetUtcNow()));
    }

    [Theory]
    [InlineData(429, JunctionErrorKind.RateLimited)]
    [InlineData(401, JunctionErrorKind.Authentication)]
    public void RecordFailure_429Or401_CoolsDownAtOnce(int status, JunctionErrorKind kind)
    {
        var clock = Clock();
        var state = new DeploymentState();
        state.RecordFailure(clock.GetUtcNow(), new JunctionError(status, kind, "t", "m"), ThreeIn60For30);
        Assert.True(state.IsCoolingDown(clock.GetUtcNow()));
    }

    [Fact]
    public void RecordFailure_RetryAfterLongerThanDuration_Wins()
    {
        var clock = Clock();
        var state = new DeploymentState();
        state.RecordFailure(clock.GetUtcNow(), new JunctionError(429, JunctionErrorKind.RateLimited, "t", "m") { RetryAfter = TimeSpan.FromSeconds(90) }, ThreeIn60For30);
        clock.Advance(TimeSpan.FromSeconds(60));
        Assert.True(state.IsCoolingDown(clock.GetUtcNow()));
        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.False(state.IsCoolingDown(clock.GetUtcNow()));
    }

    [Theory]
    [InlineData(JunctionErrorKind.BadRequest)]
    [InlineData(JunctionErrorKind.NotFound)]
    [InlineData(JunctionErrorKind.ContentFiltered)]
    [InlineData(JunctionErrorKind.ContextWindowExceeded)]
    public void RecordFailure_RequestsOwnFault_IsNotCounted(JunctionErrorKind kind)
    {
        var clock = Clock();
        var state = new DeploymentState();
        for (var i = 0; i < 10; i++)
        {
            state.RecordFailure(clock.GetUtcNow(), new JunctionError(400, kind, "t", "m"), ThreeIn60For30);
        }

        Assert.False(state.IsCoolingDown(clock.GetUtcNow()));
        Assert.Equal(0, state.FailuresLastMinute(clock.GetUtcNow()));
    }

    [Fact]
    public void SlidingWindow_CountsTheLastMinuteOnly()
    {
        var clock = Clock();
        var counter = new SlidingWindowCounter();
        counter.Add(clock.GetUtcNow(), 5);
        clock.Advance(TimeSpan.FromSeconds(30));
        counter.Add(clock.GetUtcNow(), 7);
        Assert.Equal(12, counter.Sum(clock.GetUtcNow()));
        Assert.Equal(7, counter.Sum(clock.GetUtcNow(), TimeSpan.FromSeconds(10)));
        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(7, counter.Sum(clock.GetUtcNow()));
        clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(0, counter.Sum(clock.GetUtcNow()));
    }
}
