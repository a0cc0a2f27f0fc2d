namespace Junction.Configuration;

/// <summary>
/// The <c>spend</c> block: the spend log (one row per request in the storage database). On whenever storage is on,
/// unless <c>enabled: false</c>. Prompts and answers are stored only with <c>logging.store_content: true</c>.
/// </summary>
public sealed class SpendOptions
{
    /// <summary>The default outbox file, next to the working folder.</summary>
    public const string DefaultOutbox = "junction-spend.outbox";

    /// <summary>Whether spend rows are written (<c>enabled</c>) when storage is on.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The local write-ahead outbox (<c>outbox</c>): a JSON Lines file, one per instance.</summary>
    public string Outbox { get; set; } = DefaultOutbox;

    /// <summary>Rows per database insert (<c>batch_size</c>), 1..5000.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>The longest a row waits for its batch (<c>flush_interval_ms</c>), 1..60000.</summary>
    public int FlushIntervalMs { get; set; } = 250;

    internal static SpendOptions Read(ConfigMap map)
    {
        var options = new SpendOptions();
        options.Enabled = map.Bool("enabled") ?? options.Enabled;
        options.Outbox = map.OptionalString("outbox") ?? options.Outbox;
        options.BatchSize = map.Int("batch_size") ?? options.BatchSize;
        options.FlushIntervalMs = map.Int("flush_interval_ms") ?? options.FlushIntervalMs;
        return options;
    }
}
