using System.Collections.Frozen;
using System.Text.Json;
using Junction.Protocol.OpenAI;

namespace Junction.Providers.Bedrock;

/// <summary>
/// Decides, per OpenAI request parameter, whether Bedrock can honour it, and builds
/// <c>additionalModelRequestFields</c> from the model-native extras. Pure; used by <see cref="BedrockChatMapper"/>.
/// </summary>
internal static class BedrockParameterMapper
{
    /// <summary>Extra fields ignored on purpose: they only matter to OpenAI itself, or to Junction's edge.</summary>
    public static readonly FrozenSet<string> IgnoredExtraFields =
        new[] { "store", "service_tier" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Claude's extended-thinking object, forwarded verbatim as <c>additionalModelRequestFields.thinking</c>.</summary>
    public const string ThinkingField = "thinking";

    /// <summary>
    /// The parameters of <paramref name="request"/> that Bedrock cannot honour, in a fixed order (typed fields first,
    /// then unknown extras in the order the client sent them). A value that asks for the default behaviour
    /// (<c>n: 1</c>, <c>logprobs: false</c>, a zero penalty, <c>parallel_tool_calls: true</c>,
    /// <c>response_format: text</c>, <c>modalities: ["text"]</c>, <c>reasoning_effort: none</c>) is not counted.
    /// </summary>
    public static List<string> FindUnsupported(ChatCompletionRequest request, BedrockMappingOptions options)
    {
        var unsupported = new List<string>();
        if (request.N is > 1)
        {
            unsupported.Add("n");
        }

        if (request.Logprobs is true)
        {
            unsupported.Add("logprobs");
        }

        if (request.TopLogprobs is not null)
        {
            unsupported.Add("top_logprobs");
        }

        if (IsPresent(request.LogitBias))
        {
            unsupported.Add("logit_bias");
        }

        if (request.PresencePenalty is { } presence && presence != 0)
        {
            unsupported.Add("presence_penalty");
        }

        if (request.FrequencyPenalty is { } frequency && frequency != 0)
        {
            unsupported.Add("frequency_penalty");
        }

        if (request.Seed is not null)
        {
            unsupported.Add("seed");
        }

        if (request.ResponseFormat is { Type: not (null or "text") })
        {
            unsupported.Add("response_format");
        }

        if (request.ParallelToolCalls is false)
        {
            unsupported.Add("parallel_tool_calls");
        }

        if (request.ToolChoice is { Mode: null, FunctionName: null })
        {
            unsupported.Add("tool_choice");
        }

        if (request.ReasoningEffort is { } effort && effort != "none" && !HasExtra(request, ThinkingField) &&
            !options.ReasoningBudgets.ContainsKey(effort))
        {
            unsupported.Add("reasoning_effort");
        }

        if (request.Extra is { } extra)
        {
            foreach (var (name, value) in extra)
            {
                if (!IsHonouredExtra(name, value, options))
                {
                    unsupported.Add(name);
                }
            }
        }

        return unsupported;
    }

    /// <summary>
    /// <c>additionalModelRequestFields</c>: configured passthrough extras (default <c>top_k</c>), then the
    /// reasoning request — the client's own <c>thinking</c> object wins over <c>reasoning_effort</c>, which becomes
    /// <c>{"type":"enabled","budget_tokens":N}</c> (Claude's shape) from <see cref="BedrockMappingOptions.ReasoningBudgets"/>.
    /// Null when there is nothing to send.
    /// </summary>
    public static JsonElement? BuildAdditionalFields(ChatCompletionRequest request, BedrockMappingOptions options)
    {
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (request.Extra is { } extra)
        {
            foreach (var (name, value) in extra)
            {
                if (value.ValueKind != JsonValueKind.Null && (options.PassthroughFields.Contains(name) || name == ThinkingField))
                {
                    fields[name] = value;
                }
            }
        }

        if (!fields.ContainsKey(ThinkingField) && request.ReasoningEffort is { } effort &&
            options.ReasoningBudgets.TryGetValue(effort, out var budget))
        {
            fields[ThinkingField] = JsonSerializer.SerializeToElement(
                new Dictionary<string, JsonElement>(StringComparer.Ordinal)
                {
                    ["type"] = JsonSerializer.SerializeToElement("enabled", BedrockJsonContext.Default.String),
                    ["budget_tokens"] = JsonSerializer.SerializeToElement(budget, BedrockJsonContext.Default.Int32),
                },
                BedrockJsonContext.Default.DictionaryStringJsonElement);
        }

        return fields.Count == 0
            ? null
            : JsonSerializer.SerializeToElement(fields, BedrockJsonContext.Default.DictionaryStringJsonElement);
    }

    private static bool IsHonouredExtra(string name, JsonElement value, BedrockMappingOptions options) =>
        IgnoredExtraFields.Contains(name) || options.PassthroughFields.Contains(name) || name == ThinkingField ||
        value.ValueKind == JsonValueKind.Null || (name == "modalities" && IsTextOnly(value));

    private static bool IsTextOnly(JsonElement modalities)
    {
        if (modalities.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        foreach (var item in modalities.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || item.GetString() != "text")
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasExtra(ChatCompletionRequest request, string name) =>
        request.Extra?.TryGetValue(name, out var value) == true && value.ValueKind != JsonValueKind.Null;

    private static bool IsPresent(JsonElement? element) =>
        element is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) };
}
