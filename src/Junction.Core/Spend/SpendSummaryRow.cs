namespace Junction.Spend;

/// <summary>One group of a spend summary. <see cref="Group"/> is null for requests without that attribute (no key, no tag).</summary>
public sealed record SpendSummaryRow
{
    public string? Group { get; init; }

    public long Requests { get; init; }

    public long Errors { get; init; }

    public long PromptTokens { get; init; }

    public long CompletionTokens { get; init; }

    public long CachedTokens { get; init; }

    public long CostNanos { get; init; }

    public long UnpricedRequests { get; init; }
}
