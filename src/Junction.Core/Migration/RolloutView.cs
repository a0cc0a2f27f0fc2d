namespace Junction.Migration;

/// <summary>A rollout as shown by <c>GET /admin/rollouts</c> and <c>junction rollout status</c>.</summary>
public sealed record RolloutView(string Model, RolloutState State, RolloutPolicy Policy, double Percent, SideStats Old, SideStats New);
