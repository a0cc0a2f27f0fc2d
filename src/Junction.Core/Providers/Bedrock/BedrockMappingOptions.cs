using System.Collections.Frozen;

namespace Junction.Providers.Bedrock;

/// <summary>Per-deployment policy for turning an OpenAI chat request into a Converse request.</summary>
internal sealed record BedrockMappingOptions
{
    /// <summary>Budgets for <c>reasoning_effort</c> when the deployment does not set its own.</summary>
    public static readonly FrozenDictionary<string, int> DefaultReasoningBudgets = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["low"] = 1024,
        ["medium"] = 4096,
        ["high"] = 16384,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Extra request fields forwarded verbatim into <c>additionalModelRequestFields</c> unless configured otherwise.</summary>
    public static readonly FrozenSet<string> DefaultPassthroughFields = new[] { "top_k" }.ToFrozenSet(StringComparer.Ordinal);

    public static BedrockMappingOptions Default { get; } = new();

    /// <summary>
    /// True: OpenAI parameters Bedrock cannot honour are left out and reported in <c>droppedParams</c>.
    /// False (the default): such a request is answered with a 400 naming the parameter (code <c>unsupported_parameter</c>).
    /// </summary>
    public bool DropUnsupportedParams { get; init; }

    /// <summary><c>inferenceConfig.maxTokens</c> when the client sends neither <c>max_completion_tokens</c> nor <c>max_tokens</c>.</summary>
    public int? DefaultMaxTokens { get; init; }

    /// <summary><c>reasoning_effort</c> level → thinking budget in tokens (sent as Claude's <c>thinking.budget_tokens</c>).</summary>
    public IReadOnlyDictionary<string, int> ReasoningBudgets { get; init; } = DefaultReasoningBudgets;

    /// <summary>Unknown request fields copied as they are into <c>additionalModelRequestFields</c>.</summary>
    public IReadOnlySet<string> PassthroughFields { get; init; } = DefaultPassthroughFields;
}
