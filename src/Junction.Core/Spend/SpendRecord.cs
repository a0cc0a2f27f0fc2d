namespace Junction.Spend;

/// <summary>
/// One row of the spend log: one finished request (success, failure or cancellation). <see cref="Id"/> is made by
/// Junction and unique (the outbox replay is idempotent on it); <see cref="RequestId"/> may repeat when clients send
/// their own <c>x-request-id</c>. Money is whole nano-dollars, times are Unix milliseconds in the database.
/// </summary>
public sealed record SpendRecord
{
    public required string Id { get; init; }

    public required string RequestId { get; init; }

    /// <summary>When the request arrived.</summary>
    public required DateTimeOffset At { get; init; }

    public string? KeyId { get; init; }

    public string? TeamId { get; init; }

    public string? UserId { get; init; }

    /// <summary><c>chat</c>, <c>text_completion</c>, <c>embeddings</c>, <c>image_generation</c>, ...</summary>
    public string Operation { get; init; } = "";

    /// <summary>The public model the caller asked for.</summary>
    public string? Model { get; init; }

    public string? Deployment { get; init; }

    public string? Provider { get; init; }

    /// <summary>200, the error's status, or 499 when the caller went away.</summary>
    public int Status { get; init; }

    /// <summary>The error code (<c>rate_limit_exceeded</c>, ...) or kind, when the request failed.</summary>
    public string? ErrorCode { get; init; }

    public int Attempts { get; init; }

    public bool Streamed { get; init; }

    public int PromptTokens { get; init; }

    public int CompletionTokens { get; init; }

    public int CachedTokens { get; init; }

    /// <summary>Nano-dollars (1e-9 USD); 0 when unpriced or failed.</summary>
    public long CostNanos { get; init; }

    /// <summary>The request succeeded but its model has no price.</summary>
    public bool Unpriced { get; init; }

    /// <summary>The usage was counted by Junction's tokenizer (the upstream stream reported none).</summary>
    public bool UsageEstimated { get; init; }

    public double LatencyMs { get; init; }

    /// <summary>Streams: time to the first chunk.</summary>
    public double? TimeToFirstTokenMs { get; init; }

    /// <summary>The upstream served part of the prompt from its prompt cache (cached tokens &gt; 0).</summary>
    public bool CacheHit { get; init; }

    /// <summary>Client metadata tags (<c>metadata</c> in the body or the <c>x-junction-metadata</c> header).</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>The prompt as text, only with <c>logging.store_content: true</c>.</summary>
    public string? Prompt { get; init; }

    /// <summary>The answer as text, only with <c>logging.store_content: true</c>.</summary>
    public string? Completion { get; init; }
}
