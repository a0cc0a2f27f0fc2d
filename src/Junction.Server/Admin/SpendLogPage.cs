namespace Junction.Server.Admin;

/// <summary>A page of <c>GET /admin/logs</c>, newest first; pass <c>next_cursor</c> as <c>cursor</c> for the next page.</summary>
internal sealed class SpendLogPage
{
    public string Object { get; set; } = "list";

    public List<SpendLogView> Data { get; set; } = [];

    public bool HasMore { get; set; }

    public string? NextCursor { get; set; }
}

/// <summary>One spend-log row as the admin API shows it (cost in USD).</summary>
internal sealed class SpendLogView
{
    public string Id { get; set; } = "";

    public string RequestId { get; set; } = "";

    public DateTimeOffset At { get; set; }

    public string? KeyId { get; set; }

    public string? TeamId { get; set; }

    public string? UserId { get; set; }

    public string Operation { get; set; } = "";

    public string? Model { get; set; }

    public string? Deployment { get; set; }

    public string? Provider { get; set; }

    public int Status { get; set; }

    public string? ErrorCode { get; set; }

    public int Attempts { get; set; }

    public bool Streamed { get; set; }

    public int PromptTokens { get; set; }

    public int CompletionTokens { get; set; }

    public int CachedTokens { get; set; }

    public decimal CostUsd { get; set; }

    public bool Unpriced { get; set; }

    public bool UsageEstimated { get; set; }

    public double LatencyMs { get; set; }

    public double? TtftMs { get; set; }

    public bool CacheHit { get; set; }

    public Dictionary<string, string>? Metadata { get; set; }

    public string? Prompt { get; set; }

    public string? Completion { get; set; }
}
