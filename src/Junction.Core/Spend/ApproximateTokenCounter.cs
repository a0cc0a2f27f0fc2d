namespace Junction.Spend;

/// <summary>
/// The fallback token count when no tokenizer is configured: one token per 4 characters, rounded up (OpenAI's rule of
/// thumb for English). The server uses a real BPE tokenizer instead.
/// </summary>
public sealed class ApproximateTokenCounter : ITokenCounter
{
    public static ApproximateTokenCounter Instance { get; } = new();

    private ApproximateTokenCounter()
    {
    }

    public int CountTokens(string model, string text) => text is null ? 0 : (text.Length + 3) / 4;
}
