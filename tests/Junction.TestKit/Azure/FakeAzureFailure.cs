namespace Junction.TestKit.Azure;

/// <summary>A scripted non-success answer, in the shapes Azure OpenAI really sends (and the spec's spelling).</summary>
public sealed record FakeAzureFailure(int Status, string Body, IReadOnlyDictionary<string, string> Headers)
{
    private const string FilterResult =
        """{"hate":{"filtered":false,"severity":"safe"},"jailbreak":{"filtered":false,"detected":false},"self_harm":{"filtered":false,"severity":"safe"},"sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":true,"severity":"medium"}}""";

    /// <summary>The prompt-filter 400 as real traffic spells it: <c>innererror</c> / <c>content_filter_result</c>, <c>type: null</c>, a <c>status</c> member.</summary>
    public static FakeAzureFailure ContentFilterWire() => new(400,
        """{"error":{"message":"The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry.","type":null,"param":"prompt","code":"content_filter","status":400,"innererror":{"code":"ResponsibleAIPolicyViolation","content_filter_result":""" + FilterResult + "}}}",
        new Dictionary<string, string>());

    /// <summary>The same refusal as the 2024-10-21 spec spells it: <c>inner_error</c> / <c>content_filter_results</c>.</summary>
    public static FakeAzureFailure ContentFilterSpec() => new(400,
        """{"error":{"code":"content_filter","message":"The prompt was filtered.","param":"prompt","type":"invalid_request_error","inner_error":{"code":"ResponsibleAIPolicyViolation","content_filter_results":""" + FilterResult + "}}}",
        new Dictionary<string, string>());

    /// <summary>Azure's 429: the code is the string "429", with <c>retry-after-ms</c> and <c>retry-after</c>.</summary>
    public static FakeAzureFailure RateLimited(int retryAfterMs) => new(429,
        """{"error":{"code":"429","message":"Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate limit of your current pricing tier. Please retry after """ +
        ((retryAfterMs + 999) / 1000).ToString(System.Globalization.CultureInfo.InvariantCulture) + """ seconds."}}""",
        new Dictionary<string, string>
        {
            ["retry-after-ms"] = retryAfterMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["retry-after"] = ((retryAfterMs + 999) / 1000).ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
}
