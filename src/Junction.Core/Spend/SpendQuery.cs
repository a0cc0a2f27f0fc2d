namespace Junction.Spend;

/// <summary>A spend summary: totals grouped by <see cref="By"/> over [<see cref="Since"/>, <see cref="Until"/>).</summary>
public sealed record SpendQuery
{
    /// <summary>One of <see cref="SpendGroupings"/>; <c>tag:&lt;name&gt;</c> groups by a client metadata tag.</summary>
    public required string By { get; init; }

    public required DateTimeOffset Since { get; init; }

    public required DateTimeOffset Until { get; init; }

    /// <summary>Only rows of this team (team admins and viewers see only their own).</summary>
    public string? TeamId { get; init; }
}
