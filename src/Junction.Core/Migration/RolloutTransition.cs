namespace Junction.Migration;

/// <summary>A change of rollout state, automatic or manual, with the figures that caused it.</summary>
public sealed record RolloutTransition(string Action, RolloutState From, RolloutState To, string Reason, SideStats Old, SideStats New, string Actor);
