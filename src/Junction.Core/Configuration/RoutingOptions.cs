namespace Junction.Configuration;

/// <summary>A model's <c>routing</c> block; unset values fall back to <see cref="RouterOptions"/>.</summary>
public sealed class RoutingOptions
{
    /// <summary>How a deployment is chosen (<c>strategy</c>), one of <see cref="RoutingStrategyNames"/>.</summary>
    public string? Strategy { get; set; }

    /// <summary>The whole-request timeout in seconds, all attempts and fallbacks included (<c>timeout_s</c>).</summary>
    public double? TimeoutS { get; set; }

    /// <summary>Further attempts after the first, on retryable errors (<c>retries</c>), 0..10.</summary>
    public int? Retries { get; set; }

    /// <summary>The timeout of one attempt in seconds (<c>attempt_timeout_s</c>); for streams, until the first chunk.</summary>
    public double? AttemptTimeoutS { get; set; }

    /// <summary>Streams only: no first chunk within this many seconds moves on to the next deployment (<c>first_token_timeout_s</c>).</summary>
    public double? FirstTokenTimeoutS { get; set; }

    /// <summary>Other public models tried in order once this model's deployments are exhausted (<c>fallbacks</c>).</summary>
    public List<string>? Fallbacks { get; set; }

    /// <summary>Models tried when the prompt does not fit the context window (<c>context_window_fallbacks</c>).</summary>
    public List<string>? ContextWindowFallbacks { get; set; }

    /// <summary>Models tried when a content filter refuses (<c>content_policy_fallbacks</c>).</summary>
    public List<string>? ContentPolicyFallbacks { get; set; }

    /// <summary>Taking failing deployments out of rotation (<c>cooldown</c>); null uses the defaults.</summary>
    public CooldownOptions? Cooldown { get; set; }

    internal static RoutingOptions Read(ConfigMap map) => new()
    {
        Strategy = map.OptionalString("strategy"),
        TimeoutS = map.Double("timeout_s"),
        Retries = map.Int("retries"),
        AttemptTimeoutS = map.Double("attempt_timeout_s"),
        FirstTokenTimeoutS = map.Double("first_token_timeout_s"),
        Fallbacks = NullIfEmpty(map.StringList("fallbacks")),
        ContextWindowFallbacks = NullIfEmpty(map.StringList("context_window_fallbacks")),
        ContentPolicyFallbacks = NullIfEmpty(map.StringList("content_policy_fallbacks")),
        Cooldown = map.Has("cooldown") ? CooldownOptions.Read(map, "cooldown") : null,
    };

    private static List<string>? NullIfEmpty(IReadOnlyList<string> list) => list.Count == 0 ? null : [.. list];
}
