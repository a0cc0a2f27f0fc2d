namespace Junction.Routing;

/// <summary>When a failing deployment is taken out of rotation, and for how long.</summary>
public sealed record CooldownPolicy(int Failures, TimeSpan Window, TimeSpan Duration)
{
    public static readonly CooldownPolicy Default = new(3, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(30));
}
