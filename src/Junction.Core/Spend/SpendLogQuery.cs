namespace Junction.Spend;

/// <summary>Filters and a keyset page for the spend log, newest first.</summary>
public sealed record SpendLogQuery
{
    public string? Model { get; init; }

    public string? KeyId { get; init; }

    public string? TeamId { get; init; }

    public string? UserId { get; init; }

    public string? Provider { get; init; }

    public int? Status { get; init; }

    public DateTimeOffset? Since { get; init; }

    public DateTimeOffset? Until { get; init; }

    /// <summary>Rows strictly older than this position (from <see cref="SpendCursor"/>).</summary>
    public SpendCursor? After { get; init; }

    public int Limit { get; init; } = 100;
}
