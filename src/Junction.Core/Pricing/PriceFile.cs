namespace Junction.Pricing;

/// <summary>The shape of the shipped <c>prices.json</c>: the date the prices were taken, and one entry per model id.</summary>
internal sealed class PriceFile
{
    /// <summary>The date (ISO 8601) the prices were read from the providers' price pages (<c>taken_on</c>).</summary>
    public string TakenOn { get; set; } = "";

    public string? Source { get; set; }

    public Dictionary<string, PriceEntry> Models { get; set; } = new(StringComparer.Ordinal);
}
