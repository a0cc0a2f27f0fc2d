namespace Junction.Keys;

/// <summary>Filters for the audit log; newest first, <see cref="Limit"/> rows before id <see cref="BeforeId"/>.</summary>
public sealed record AuditQuery
{
    public string? Actor { get; init; }

    public string? Action { get; init; }

    public string? TargetId { get; init; }

    public string? TeamId { get; init; }

    public DateTimeOffset? Since { get; init; }

    public long? BeforeId { get; init; }

    public int Limit { get; init; } = 100;
}
