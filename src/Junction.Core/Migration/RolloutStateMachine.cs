using System.Globalization;

namespace Junction.Migration;

/// <summary>
/// The rollout rules, pure (time and figures are arguments):
/// <list type="bullet">
/// <item>While active or paused, a rollback condition over the current step's window (with at least
/// <see cref="RolloutPolicy.MinRequestsForRollback"/> new-side requests) rolls back to 0 % at once.</item>
/// <item>While active, a step that has been healthy for <c>step_after_s</c> with at least <c>min_requests</c> new-side
/// requests is promoted to the next step; healthy at the last step completes the rollout.</item>
/// <item>People can pause, resume (a rolled-back rollout resumes at the step it was on), promote and roll back.</item>
/// </list>
/// </summary>
public static class RolloutStateMachine
{
    public const string System = "junction";

    public static RolloutTransition? Evaluate(RolloutState state, RolloutPolicy policy, SideStats old, SideStats @new, DateTimeOffset now)
    {
        if (state.Status is RolloutStatus.RolledBack or RolloutStatus.Completed)
        {
            return null;
        }

        if (RollbackReason(policy, old, @new) is { } reason)
        {
            return Transition("rollback", state, state with { Status = RolloutStatus.RolledBack, StepStartedAt = now }, reason, old, @new, System);
        }

        if (state.Status != RolloutStatus.Active || now - state.StepStartedAt < policy.StepAfter || @new.Requests < policy.MinRequests)
        {
            return null;
        }

        var healthy = string.Create(CultureInfo.InvariantCulture,
            $"healthy for {(now - state.StepStartedAt).TotalSeconds:0} s with {@new.Requests} requests (new: {@new}; old: {old})");
        return state.StepIndex >= policy.Steps.Count - 1
            ? Transition("complete", state, state with { Status = RolloutStatus.Completed, StepStartedAt = now }, healthy, old, @new, System)
            : Transition("promote", state, state with { StepIndex = state.StepIndex + 1, StepStartedAt = now }, healthy, old, @new, System);
    }

    /// <summary>Why the figures call for a rollback, or null when they do not.</summary>
    public static string? RollbackReason(RolloutPolicy policy, SideStats old, SideStats @new)
    {
        if (@new.Requests < policy.MinRequestsForRollback)
        {
            return null;
        }

        if (policy.ErrorRateAbove is { } maxErrors && @new.ErrorRate > maxErrors)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"error rate {@new.ErrorRate:P1} on the new side is above {maxErrors:P1} (new: {@new}; old: {old})");
        }

        if (policy.P95LatencyRatioAbove is { } maxRatio && @new.P95Latency is { } newP95 && old.P95Latency is { } oldP95 &&
            old.Requests >= policy.MinRequestsForRollback && oldP95 > TimeSpan.Zero && newP95 / oldP95 > maxRatio)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"p95 latency ratio {newP95 / oldP95:0.00} is above {maxRatio:0.00} (new: {@new}; old: {old})");
        }

        return null;
    }

    public static RolloutTransition Pause(RolloutState state, DateTimeOffset now, string actor) =>
        Manual("pause", state, state.Status == RolloutStatus.Active ? state with { Status = RolloutStatus.Paused } : state, actor, now);

    public static RolloutTransition Resume(RolloutState state, DateTimeOffset now, string actor) =>
        Manual("resume", state, state.Status is RolloutStatus.Paused or RolloutStatus.RolledBack
            ? state with { Status = RolloutStatus.Active, StepStartedAt = now }
            : state, actor, now);

    public static RolloutTransition Promote(RolloutState state, RolloutPolicy policy, DateTimeOffset now, string actor) =>
        Manual("promote", state, state.StepIndex >= policy.Steps.Count - 1
            ? state with { Status = RolloutStatus.Completed, StepStartedAt = now }
            : state with { StepIndex = state.StepIndex + 1, Status = RolloutStatus.Active, StepStartedAt = now }, actor, now);

    public static RolloutTransition Rollback(RolloutState state, DateTimeOffset now, string actor) =>
        Manual("rollback", state, state with { Status = RolloutStatus.RolledBack, StepStartedAt = now }, actor, now);

    private static RolloutTransition Manual(string action, RolloutState from, RolloutState to, string actor, DateTimeOffset now) =>
        Transition(action, from, to with { StepStartedAt = to == from ? from.StepStartedAt : now }, $"{action} by {actor}", SideStats.Empty, SideStats.Empty, actor);

    private static RolloutTransition Transition(string action, RolloutState from, RolloutState to, string reason, SideStats old, SideStats @new, string actor) =>
        new(action, from, to with { Reason = reason, Version = from.Version + 1 }, reason, old, @new, actor);
}
