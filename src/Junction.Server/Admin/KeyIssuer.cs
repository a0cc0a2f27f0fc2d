using Junction.Keys;

namespace Junction.Server.Admin;

/// <summary>
/// Makes new virtual keys and rotates existing ones, for the admin API and the CLI alike: a fresh secret, stored only as
/// its hash and hint. The secret is returned once, to be shown once.
/// </summary>
internal static class KeyIssuer
{
    public static (VirtualKey Key, string Secret) Issue(KeyRequest request, string? teamId, DateTimeOffset now)
    {
        var secret = KeySecrets.Generate();
        var key = new VirtualKey
        {
            Id = KeySecrets.NewId("key_"),
            KeyHash = KeySecrets.Hash(secret),
            Hint = KeySecrets.Hint(secret),
            Name = request.Name,
            TeamId = teamId,
            UserId = request.UserId,
            Role = request.Role ?? Roles.Caller,
            Models = request.Models ?? [],
            ExpiresAt = request.ExpiresAt,
            Metadata = request.Metadata ?? [],
            Limits = AdminHttp.Apply(LimitSet.None, request),
            Enabled = request.Enabled ?? true,
            CreatedAt = now,
            UpdatedAt = now,
        };
        return (key, secret);
    }

    public static (VirtualKey Key, string Secret) Rotate(VirtualKey key, DateTimeOffset now)
    {
        var secret = KeySecrets.Generate();
        return (key with { KeyHash = KeySecrets.Hash(secret), Hint = KeySecrets.Hint(secret), UpdatedAt = now }, secret);
    }
}
