namespace Junction.TestKit.OpenAI;

/// <summary>Settings for a <see cref="FakeOpenAIUpstream"/>. All defaults give a fast, silent echo server.</summary>
public sealed class FakeOpenAIOptions
{
    /// <summary>The model ids served by <c>GET /v1/models</c> unless <see cref="Models"/> is set.</summary>
    public static IReadOnlyList<string> DefaultModels { get; } =
        ["gpt-4o-mini", "gpt-4o", "gpt-4.1-mini", "gpt-3.5-turbo-instruct", "text-embedding-3-small"];

    /// <summary>When set, every request must carry <c>Authorization: Bearer &lt;key&gt;</c> or it gets a 401.</summary>
    public string? ExpectedApiKey { get; init; }

    /// <summary>Keep every request for <see cref="FakeOpenAIUpstream.Requests"/>. Turn off in benchmarks.</summary>
    public bool RecordRequests { get; init; } = true;

    /// <summary>The <c>owned_by</c> value of every model object.</summary>
    public string ModelsOwnedBy { get; init; } = "openai";

    /// <summary>The model ids served by <c>GET /v1/models</c> and <c>GET /v1/models/{id}</c>.</summary>
    public IReadOnlyList<string> Models { get; init; } = DefaultModels;

    /// <summary>Pause between two streamed events, in milliseconds. 0 streams as fast as possible.</summary>
    public int StreamChunkDelayMs { get; init; }

    /// <summary>When set, replaces the <c>"echo: "</c> reply of chat and legacy completions.</summary>
    public string? FixedReply { get; init; }

    /// <summary>Behave like an OpenAI-compatible server that ignores <c>stream_options.include_usage</c>: streams carry no usage.</summary>
    public bool IgnoreIncludeUsage { get; init; }

    /// <summary>
    /// The fraction (0 to 1) of unscripted requests answered with <see cref="FailureBehavior"/> instead of success,
    /// drawn independently per request. For chaos benchmarks; scripted behaviors (<see cref="FakeOpenAIUpstream.Enqueue"/>) come first.
    /// </summary>
    public double FailureRate { get; init; }

    /// <summary>What a request picked by <see cref="FailureRate"/> gets; null means a 500 <c>server_error</c>.</summary>
    public FakeBehavior? FailureBehavior { get; init; }
}
