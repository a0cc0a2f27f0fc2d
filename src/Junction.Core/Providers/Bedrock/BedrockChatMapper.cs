using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Junction.Protocol.OpenAI;

namespace Junction.Providers.Bedrock;

/// <summary>
/// Pure OpenAI chat ⇄ Bedrock Converse mapping (PROTOCOLS §3.5, §5). No I/O, clock or ids of its own: the caller
/// passes <c>id</c> and <c>created</c>.
/// <para>
/// Parameters: <c>max_completion_tokens ?? max_tokens ?? DefaultMaxTokens</c> → <c>maxTokens</c>;
/// <c>temperature</c> (Bedrock's range is 0–1, a larger value is a 400), <c>top_p</c>, <c>stop</c> (empty strings
/// dropped) → <c>inferenceConfig</c>; configured passthrough extras (default <c>top_k</c>), <c>thinking</c> and
/// <c>reasoning_effort</c> → <c>additionalModelRequestFields</c>. Ignored on purpose: <c>model</c> (it goes in the
/// path), <c>stream</c> and <c>stream_options</c> (the transport picks converse / converse-stream), <c>user</c>,
/// <c>metadata</c>, <c>store</c>, <c>service_tier</c>, and extras whose value is null. Anything else Bedrock cannot
/// honour is a 400 <c>unsupported_parameter</c>, or is dropped and reported when
/// <see cref="BedrockMappingOptions.DropUnsupportedParams"/> is set (see <see cref="BedrockParameterMapper"/>).
/// </para>
/// </summary>
internal static class BedrockChatMapper
{
    /// <summary>The choice extra that keeps Bedrock's own stop reason when the OpenAI one loses information.</summary>
    public const string BedrockStopReasonField = "bedrock_stop_reason";

    /// <summary>The non-standard message / delta field that carries reasoning text (what vLLM, DeepSeek and others send).</summary>
    public const string ReasoningContentField = "reasoning_content";

    /// <summary><c>usage.prompt_tokens_details</c> extra with the tokens written to the prompt cache.</summary>
    public const string CacheCreationTokensField = "cache_creation_tokens";

    private static readonly JsonWriterOptions CompactWriter = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static ConverseRequest ToConverseRequest(
        ChatCompletionRequest request, BedrockMappingOptions options, out IReadOnlyList<string> droppedParams)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);

        var unsupported = BedrockParameterMapper.FindUnsupported(request, options);
        if (unsupported.Count > 0 && !options.DropUnsupportedParams)
        {
            throw BedrockMappingErrors.UnsupportedParameter(unsupported[0]);
        }

        if (request.Messages is not { Count: > 0 } messages)
        {
            throw BedrockMappingErrors.Invalid("Missing required parameter: 'messages'.", "messages", "missing_required_parameter");
        }

        var converse = new ConverseRequest
        {
            Messages = BedrockMessageMapper.ToConverseMessages(messages, out var system),
            System = system,
            InferenceConfig = ToInferenceConfig(request, options),
            AdditionalModelRequestFields = BedrockParameterMapper.BuildAdditionalFields(request, options),
        };
        converse.ToolConfig = ToToolConfig(request, BedrockMessageMapper.HasToolBlocks(converse.Messages),
            toolChoiceDropped: unsupported.Contains("tool_choice"));
        droppedParams = unsupported;
        return converse;
    }

    public static ChatCompletionResponse FromConverseResponse(ConverseResponse response, string id, long created, string model)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = new StringBuilder();
        var reasoning = new StringBuilder();
        List<ToolCall>? toolCalls = null;
        foreach (var block in response.Output?.Message?.Content ?? [])
        {
            if (block.Text is { } t)
            {
                text.Append(t);
            }
            else if (block.ToolUse is { } toolUse)
            {
                (toolCalls ??= []).Add(new ToolCall
                {
                    Id = toolUse.ToolUseId,
                    Type = "function",
                    Function = new FunctionCall { Name = toolUse.Name, Arguments = ToCompactJson(toolUse.Input) },
                });
            }
            else if (block.ReasoningContent?.ReasoningText?.Text is { } r)
            {
                reasoning.Append(r);
            }
        }

        var message = new ChatResponseMessage
        {
            Content = text.Length == 0 && toolCalls is not null ? null : text.ToString(),
            ToolCalls = toolCalls,
        };
        if (reasoning.Length > 0)
        {
            message.Extra = new() { [ReasoningContentField] = JsonSerializer.SerializeToElement(reasoning.ToString(), BedrockJsonContext.Default.String) };
        }

        var choice = new ChatChoice { Index = 0, Message = message, FinishReason = FromStopReason(response.StopReason) };
        if (KeepsOriginalStopReason(response.StopReason))
        {
            choice.Extra = new() { [BedrockStopReasonField] = JsonSerializer.SerializeToElement(response.StopReason!, BedrockJsonContext.Default.String) };
        }

        return new ChatCompletionResponse
        {
            Id = id,
            Created = created,
            Model = model,
            Choices = [choice],
            Usage = response.Usage is { } usage ? FromUsage(usage) : null,
        };
    }

    /// <summary>
    /// Bedrock <c>stopReason</c> → OpenAI <c>finish_reason</c> (PROTOCOLS §5.4). <c>malformed_model_output</c> and
    /// <c>malformed_tool_use</c> become <c>stop</c>: the model did finish, and turning a completed (billed) answer into
    /// an error would hide whatever content it produced; the original reason is kept in the choice as
    /// <c>bedrock_stop_reason</c> so clients can tell. Unknown reasons pass through unchanged.
    /// </summary>
    public static string? FromStopReason(string? stopReason) => stopReason switch
    {
        "end_turn" or "stop_sequence" => "stop",
        "max_tokens" or "model_context_window_exceeded" => "length",
        "tool_use" => "tool_calls",
        "guardrail_intervened" or "content_filtered" => "content_filter",
        "malformed_model_output" or "malformed_tool_use" => "stop",
        _ => stopReason,
    };

    /// <summary>True for stop reasons whose OpenAI mapping hides what happened (the malformed_* ones).</summary>
    public static bool KeepsOriginalStopReason(string? stopReason) =>
        stopReason is "malformed_model_output" or "malformed_tool_use";

    /// <summary>
    /// Converse usage → OpenAI usage. The service model only says <c>inputTokens</c> is "the number of tokens sent in
    /// the request"; for Claude on Bedrock (as in Anthropic's own API) it counts only the uncached part, with cache
    /// reads and writes reported separately. OpenAI's <c>prompt_tokens</c> counts the whole prompt and
    /// <c>cached_tokens</c> is a subset of it, so <c>prompt_tokens = inputTokens + cacheReadInputTokens +
    /// cacheWriteInputTokens</c>, <c>cached_tokens = cacheReadInputTokens</c>, and the writes are kept as
    /// <c>prompt_tokens_details.cache_creation_tokens</c>. <c>total_tokens</c> is recomputed as prompt + completion
    /// (Bedrock's <c>totalTokens</c> leaves the cache out). Without cache members nothing changes.
    /// </summary>
    public static Usage FromUsage(TokenUsage usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        var read = usage.CacheReadInputTokens ?? 0;
        var write = usage.CacheWriteInputTokens ?? 0;
        var prompt = usage.InputTokens + read + write;
        var result = new Usage
        {
            PromptTokens = prompt,
            CompletionTokens = usage.OutputTokens,
            TotalTokens = prompt + usage.OutputTokens,
        };
        if (usage.CacheReadInputTokens is not null || usage.CacheWriteInputTokens is not null)
        {
            result.PromptTokensDetails = new PromptTokensDetails { CachedTokens = read };
            if (usage.CacheWriteInputTokens is { } written)
            {
                result.PromptTokensDetails.Extra = new()
                {
                    [CacheCreationTokensField] = JsonSerializer.SerializeToElement(written, BedrockJsonContext.Default.Int32),
                };
            }
        }

        return result;
    }

    /// <summary>JSON without insignificant whitespace; non-ASCII stays as it is (this text is JSON inside JSON, not HTML).</summary>
    public static string ToCompactJson(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Undefined)
        {
            return "{}";
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, CompactWriter))
        {
            element.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static InferenceConfiguration? ToInferenceConfig(ChatCompletionRequest request, BedrockMappingOptions options)
    {
        if (request.Temperature is > 1 or < 0)
        {
            throw BedrockMappingErrors.Invalid(
                $"Bedrock accepts a temperature between 0 and 1; {request.Temperature.Value.ToString(CultureInfo.InvariantCulture)} is out of range.",
                "temperature", BedrockMappingErrors.UnsupportedValueCode);
        }

        List<string>? stops = null;
        foreach (var stop in request.Stop?.Values ?? [])
        {
            if (!string.IsNullOrEmpty(stop))
            {
                (stops ??= []).Add(stop);
            }
        }

        var config = new InferenceConfiguration
        {
            MaxTokens = request.MaxCompletionTokens ?? request.MaxTokens ?? options.DefaultMaxTokens,
            Temperature = request.Temperature,
            TopP = request.TopP,
            StopSequences = stops,
        };
        return config is { MaxTokens: null, Temperature: null, TopP: null, StopSequences: null } ? null : config;
    }

    /// <summary>
    /// Tools → <c>toolSpec</c>s (missing parameters → an empty object schema; an empty description is left out;
    /// <c>strict</c> is sent only when true). tool_choice: absent → no <c>toolChoice</c> (the model's default, auto);
    /// <c>auto</c> → <c>{auto:{}}</c>; <c>required</c> → <c>{any:{}}</c>; a named function → <c>{tool:{name}}</c>;
    /// <c>none</c> → no <c>toolConfig</c>, unless the history has tool blocks (Bedrock then requires toolConfig), in
    /// which case the tools stay with <c>{auto:{}}</c> — an approximation (PROTOCOLS §5.2).
    /// </summary>
    private static ToolConfiguration? ToToolConfig(ChatCompletionRequest request, bool historyHasToolBlocks, bool toolChoiceDropped)
    {
        if (request.Tools is not { Count: > 0 } tools)
        {
            return null;
        }

        var config = new ToolConfiguration();
        for (var i = 0; i < tools.Count; i++)
        {
            config.Tools.Add(new ConverseTool { ToolSpec = ToToolSpec(tools[i], i) });
        }

        var choice = toolChoiceDropped ? null : request.ToolChoice;
        switch (choice)
        {
            case null:
                break;
            case { Mode: "auto" }:
                config.ToolChoice = new ConverseToolChoice { Auto = new AutoToolChoice() };
                break;
            case { Mode: "required" }:
                config.ToolChoice = new ConverseToolChoice { Any = new AnyToolChoice() };
                break;
            case { Mode: "none" }:
                if (!historyHasToolBlocks)
                {
                    return null;
                }

                config.ToolChoice = new ConverseToolChoice { Auto = new AutoToolChoice() };
                break;
            case { FunctionName: { } name }:
                if (!config.Tools.Exists(t => t.ToolSpec?.Name == name))
                {
                    throw BedrockMappingErrors.Invalid($"tool_choice names the function '{name}', which is not in tools.", "tool_choice");
                }

                config.ToolChoice = new ConverseToolChoice { Tool = new SpecificToolChoice { Name = name } };
                break;
            default:
                throw BedrockMappingErrors.Invalid(
                    $"tool_choice '{choice.Mode}' is not one of none, auto, required.", "tool_choice", BedrockMappingErrors.UnsupportedValueCode);
        }

        return config;
    }

    private static ToolSpecification ToToolSpec(ChatTool tool, int i)
    {
        if (tool.Type is not (null or "function"))
        {
            throw BedrockMappingErrors.Invalid(
                $"Bedrock deployments support only function tools; tools[{i}] has type '{tool.Type}'.", $"tools[{i}].type",
                BedrockMappingErrors.UnsupportedValueCode);
        }

        if (string.IsNullOrEmpty(tool.Function?.Name))
        {
            throw BedrockMappingErrors.Invalid($"Missing required parameter: 'tools[{i}].function.name'.", $"tools[{i}].function.name",
                "missing_required_parameter");
        }

        var function = tool.Function;
        return new ToolSpecification
        {
            Name = function.Name,
            Description = string.IsNullOrEmpty(function.Description) ? null : function.Description,
            InputSchema = new ToolInputSchema
            {
                Json = function.Parameters is { ValueKind: JsonValueKind.Object } parameters ? parameters : EmptyObjectSchema(),
            },
            Strict = function.Strict is true ? true : null,
        };
    }

    private static JsonElement EmptyObjectSchema()
    {
        using var document = JsonDocument.Parse("""{"type":"object","properties":{}}""");
        return document.RootElement.Clone();
    }
}
