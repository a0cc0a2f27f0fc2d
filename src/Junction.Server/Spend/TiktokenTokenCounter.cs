using Junction.Spend;
using Microsoft.ML.Tokenizers;

namespace Junction.Server.Spend;

/// <summary>
/// Counts tokens with OpenAI's <c>o200k_base</c> BPE (Microsoft.ML.Tokenizers; the vocabulary ships in the
/// Microsoft.ML.Tokenizers.Data.O200kBase package, so nothing is downloaded). It is exact for the GPT-4o, GPT-4.1, GPT-5
/// and o-series families and an estimate for every other model; rows counted this way are flagged <c>usage_estimated</c>.
/// </summary>
internal sealed class TiktokenTokenCounter : ITokenCounter
{
    private readonly Lazy<Tokenizer> _tokenizer = new(static () => TiktokenTokenizer.CreateForEncoding("o200k_base"));

    public int CountTokens(string model, string text) => string.IsNullOrEmpty(text) ? 0 : _tokenizer.Value.CountTokens(text);
}
