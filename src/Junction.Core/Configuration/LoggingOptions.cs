namespace Junction.Configuration;

/// <summary>The <c>logging</c> block.</summary>
public sealed class LoggingOptions
{
    /// <summary>Whether prompts and answers are stored (shadow pairs, spend logs); off by default (<c>store_content</c>).</summary>
    public bool StoreContent { get; set; }

    internal static LoggingOptions Read(ConfigMap map) => new()
    {
        StoreContent = map.Bool("store_content") ?? false,
    };
}
