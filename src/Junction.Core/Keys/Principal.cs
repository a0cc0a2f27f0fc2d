namespace Junction.Keys;

/// <summary>
/// Who is calling: the master key (an admin with no team), or a virtual key with its role, team and user.
/// Logged as <see cref="Actor"/> (the key id), never the key.
/// </summary>
public sealed record Principal(string Role, string? KeyId, string? TeamId, string? UserId)
{
    /// <summary>The master key, or any caller when no master key is configured.</summary>
    public static readonly Principal Master = new(Roles.Admin, null, null, null);

    /// <summary>How the audit log names this caller: the key id, or <c>master</c>.</summary>
    public string Actor => KeyId ?? "master";

    public bool IsMaster => KeyId is null;
}
