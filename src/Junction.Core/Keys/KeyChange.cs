namespace Junction.Keys;

/// <summary>A change that makes cached key data stale: a key (by id), or everything of a team or user. All null: everything.</summary>
public sealed record KeyChange(string? KeyId = null, string? TeamId = null, string? UserId = null);
