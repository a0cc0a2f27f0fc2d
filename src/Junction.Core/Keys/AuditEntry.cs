namespace Junction.Keys;

/// <summary>
/// One admin action in the append-only audit log: who (<see cref="Actor"/>: a key id, <c>master</c> or <c>cli</c>),
/// when, what (<see cref="Action"/> such as <c>key.create</c>), on what, and the target before and after as JSON
/// with secrets masked (a key's hash and secret never appear).
/// </summary>
public sealed record AuditEntry
{
    public long Id { get; init; }

    public DateTimeOffset At { get; init; }

    public required string Actor { get; init; }

    public required string ActorRole { get; init; }

    public required string Action { get; init; }

    public required string TargetType { get; init; }

    public required string TargetId { get; init; }

    /// <summary>The team the target belongs to (what team admins and viewers may see).</summary>
    public string? TeamId { get; init; }

    public string? Before { get; init; }

    public string? After { get; init; }

    public string? RequestId { get; init; }
}
