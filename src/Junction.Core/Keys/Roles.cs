namespace Junction.Keys;

/// <summary>
/// The roles a virtual key (or user) can have. The master key acts as <see cref="Admin"/>.
/// What each may do on the admin API is decided in one place, the server's <c>AdminPermissions</c>.
/// </summary>
public static class Roles
{
    /// <summary>Everything, on every team.</summary>
    public const string Admin = "admin";

    /// <summary>Keys and spend of their own team; inference.</summary>
    public const string TeamAdmin = "team_admin";

    /// <summary>Reads keys, spend and the audit log of their team; no inference.</summary>
    public const string Viewer = "viewer";

    /// <summary>Inference only (the default for new keys).</summary>
    public const string Caller = "caller";

    public static readonly string[] All = [Admin, TeamAdmin, Viewer, Caller];

    public static bool IsKnown(string? role) => role is Admin or TeamAdmin or Viewer or Caller;

    /// <summary>Whether the role may call the inference endpoints (<c>/v1/*</c>).</summary>
    public static bool MayInfer(string role) => role is Admin or TeamAdmin or Caller;
}
