namespace Junction.Keys;

/// <summary>A virtual key with the team and user whose limits also apply to it.</summary>
public sealed record ResolvedKey(VirtualKey Key, Team? Team, User? User)
{
    public Principal Principal => new(Key.Role, Key.Id, Key.TeamId, Key.UserId);
}
