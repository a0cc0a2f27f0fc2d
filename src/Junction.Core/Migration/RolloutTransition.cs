namespace Junction.Migration;

/// <summary>A change of rollout state, automatic or manual, with the figures that caused it.</summary>
public sealed record RolloutTransition(string Action, RolloutState From, RolloutState To, string Reason, SideStats Old, SideStats New, string Actor)
{
    /// <summary>The new side's share of traffic before the transition, in percent (set when it is applied).</summary>
    public double? FromPercent { get; init; }

    /// <summary>The new side's share of traffic after the transition, in percent (set when it is applied).</summary>
    public double? ToPercent { get; init; }
}
