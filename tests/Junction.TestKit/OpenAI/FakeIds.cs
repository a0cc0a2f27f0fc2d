namespace Junction.TestKit.OpenAI;

/// <summary>Random ids in OpenAI's formats: <c>req_&lt;hex&gt;</c>, <c>chatcmpl-&lt;alnum&gt;</c>, <c>cmpl-&lt;alnum&gt;</c>.</summary>
internal static class FakeIds
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string RequestId()
    {
        Span<byte> bytes = stackalloc byte[16];
        Random.Shared.NextBytes(bytes);
        return string.Concat("req_", Convert.ToHexStringLower(bytes));
    }

    public static string ChatCompletionId() => WithRandomSuffix("chatcmpl-", 29);

    public static string CompletionId() => WithRandomSuffix("cmpl-", 29);

    private static string WithRandomSuffix(string prefix, int length) =>
        string.Create(prefix.Length + length, prefix, static (span, p) =>
        {
            p.AsSpan().CopyTo(span);
            for (int i = p.Length; i < span.Length; i++)
            {
                span[i] = Alphabet[Random.Shared.Next(Alphabet.Length)];
            }
        });
}
