namespace Junction.Spend;

/// <summary>How the spend writer batches, retries and keeps rows safe (from the <c>spend</c> config block).</summary>
public sealed record SpendLogOptions
{
    /// <summary>Rows per insert (<c>batch_size</c>).</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>The longest a row waits for its batch to fill (<c>flush_interval_ms</c>).</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The write-ahead outbox file (JSON Lines); null for none (rows then survive only a graceful stop).</summary>
    public string? OutboxPath { get; init; }

    /// <summary>The bounded queue between requests and the writer; a full queue drops (and counts) rows.</summary>
    public int QueueCapacity { get; init; } = 20_000;

    /// <summary>Unwritten rows kept in memory while the database is down; beyond it they wait in the outbox only.</summary>
    public int MaxPendingInMemory { get; init; } = 100_000;

    /// <summary>Whether prompts and answers are stored (<c>logging.store_content</c>).</summary>
    public bool StoreContent { get; init; }

    public TimeSpan RetryMin { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan RetryMax { get; init; } = TimeSpan.FromSeconds(5);
}
