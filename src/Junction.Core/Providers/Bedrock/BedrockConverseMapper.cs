using System.Text.Json;
using Junction.Protocol.OpenAI;

namespace Junction.Providers.Bedrock;

/// <summary>
/// The reverse of <see cref="BedrockChatMapper"/>, for the Bedrock-native inbound surface when the target is not a
/// Bedrock deployment: a Converse request → an OpenAI chat request, and the OpenAI answer → a Converse response.
/// Pure; ids, latency and the model are arguments.
/// <list type="bullet">
/// <item><c>system</c> text blocks → one system message (joined with newlines); other system blocks are ignored.</item>
/// <item>user <c>text</c> / <c>image</c> (bytes) blocks → user content parts (images as data URIs); <c>toolResult</c>
/// blocks → <c>tool</c> messages placed before the rest of that user message (text and JSON results as text).</item>
/// <item>assistant <c>text</c> / <c>toolUse</c> → content and <c>tool_calls</c> (input as compact JSON text);
/// reasoning blocks are dropped.</item>
/// <item><c>inferenceConfig</c> → <c>max_tokens</c>, <c>temperature</c>, <c>top_p</c>, <c>stop</c>;
/// <c>toolConfig</c> → <c>tools</c> and <c>tool_choice</c> (auto → auto, any → required, tool → the function);
/// <c>additionalModelRequestFields.top_k</c> is passed on as the <c>top_k</c> extra; other Converse members are ignored.</item>
/// </list>
/// </summary>
internal static class BedrockConverseMapper
{
    public static ChatCompletionRequest ToChatRequest(ConverseRequest converse, string model)
    {
        ArgumentNullException.ThrowIfNull(converse);
        var messages = new List<ChatMessage>();
        var system = string.Join("\n", (converse.System ?? []).Where(b => b.Text is not null).Select(b => b.Text));
        if (system.Length > 0)
        {
            messages.Add(new ChatMessage { Role = "system", Content = new MessageContent(system) });
        }

        foreach (var message in converse.Messages)
        {
            if (message.Role == "assistant")
            {
                messages.Add(ToAssistantMessage(message));
            }
            else
            {
                AddUserMessages(message, messages);
            }
        }

        if (messages.Count == 0 || converse.Messages.Count == 0)
        {
            throw BedrockMappingErrors.Invalid("messages must contain at least one message.", "messages", "missing_required_parameter");
        }

        var inference = converse.InferenceConfig;
        var request = new ChatCompletionRequest
        {
            Model = model,
            Messages = messages,
            MaxTokens = inference?.MaxTokens,
            Temperature = inference?.Temperature,
            TopP = inference?.TopP,
            Stop = inference?.StopSequences is { Count: > 0 } stops ? new StopSequences(stops, wasSingle: false) : null,
        };
        if (converse.ToolConfig is { Tools.Count: > 0 } tools)
        {
            request.Tools = [.. tools.Tools.Where(t => t.ToolSpec is not null).Select(t => new ChatTool
            {
                Type = "function",
                Function = new FunctionDefinition
                {
                    Name = t.ToolSpec!.Name,
                    Description = t.ToolSpec.Description,
                    Parameters = t.ToolSpec.InputSchema.Json,
                    Strict = t.ToolSpec.Strict,
                },
            })];
            request.ToolChoice = tools.ToolChoice switch
            {
                { Any: not null } => ToolChoice.FromMode("required"),
                { Tool.Name: { } name } => ToolChoice.ForFunction(name),
                { Auto: not null } => ToolChoice.FromMode("auto"),
                _ => null,
            };
        }

        if (converse.AdditionalModelRequestFields is { ValueKind: JsonValueKind.Object } extra && extra.TryGetProperty("top_k"u8, out var topK))
        {
            request.Extra = new() { ["top_k"] = topK.Clone() };
        }

        return request;
    }

    public static ConverseResponse FromChatResponse(ChatCompletionResponse response, long latencyMs)
    {
        ArgumentNullException.ThrowIfNull(response);
        var choice = response.Choices.Count > 0 ? response.Choices[0] : null;
        var content = new List<ContentBlock>();
        if (choice?.Message.Content is { Length: > 0 } text)
        {
            content.Add(new ContentBlock { Text = text });
        }

        foreach (var call in choice?.Message.ToolCalls ?? [])
        {
            content.Add(new ContentBlock
            {
                ToolUse = new ToolUseBlock { ToolUseId = call.Id ?? "", Name = call.Function?.Name ?? "", Input = ParseArguments(call.Function?.Arguments) },
            });
        }

        return new ConverseResponse
        {
            Output = new ConverseOutput { Message = new ConverseMessage { Role = "assistant", Content = content } },
            StopReason = ToStopReason(choice?.FinishReason),
            Usage = ToUsage(response.Usage),
            Metrics = new ConverseMetrics { LatencyMs = latencyMs },
        };
    }

    /// <summary>OpenAI <c>finish_reason</c> → Converse <c>stopReason</c>: stop → end_turn, length → max_tokens, tool_calls → tool_use, content_filter → content_filtered.</summary>
    public static string ToStopReason(string? finishReason) => finishReason switch
    {
        "length" => "max_tokens",
        "tool_calls" or "function_call" => "tool_use",
        "content_filter" => "content_filtered",
        _ => "end_turn",
    };

    public static TokenUsage ToUsage(Usage? usage) => new()
    {
        InputTokens = usage?.PromptTokens ?? 0,
        OutputTokens = usage?.CompletionTokens ?? 0,
        TotalTokens = usage?.TotalTokens ?? 0,
    };

    /// <summary>Tool-call arguments (JSON text) as the object Converse wants; text that is not a JSON object is wrapped as <c>{"arguments": text}</c>.</summary>
    public static JsonElement ParseArguments(string? arguments)
    {
        if (!string.IsNullOrWhiteSpace(arguments))
        {
            try
            {
                using var document = JsonDocument.Parse(arguments);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    return document.RootElement.Clone();
                }
            }
            catch (JsonException)
            {
            }

            return JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["arguments"] = arguments },
                OpenAIJsonContext.Wire.DictionaryStringString);
        }

        using var empty = JsonDocument.Parse("{}");
        return empty.RootElement.Clone();
    }

    private static ChatMessage ToAssistantMessage(ConverseMessage message)
    {
        var text = string.Concat(message.Content.Where(b => b.Text is not null).Select(b => b.Text));
        var calls = message.Content.Where(b => b.ToolUse is not null).Select(b => new ToolCall
        {
            Id = b.ToolUse!.ToolUseId,
            Type = "function",
            Function = new FunctionCall { Name = b.ToolUse.Name, Arguments = BedrockChatMapper.ToCompactJson(b.ToolUse.Input) },
        }).ToList();
        return new ChatMessage
        {
            Role = "assistant",
            Content = text.Length > 0 || calls.Count == 0 ? new MessageContent(text) : null,
            ToolCalls = calls.Count > 0 ? calls : null,
        };
    }

    private static void AddUserMessages(ConverseMessage message, List<ChatMessage> messages)
    {
        var parts = new List<ContentPart>();
        foreach (var block in message.Content)
        {
            if (block.ToolResult is { } result)
            {
                messages.Add(new ChatMessage
                {
                    Role = "tool",
                    ToolCallId = result.ToolUseId,
                    Content = new MessageContent(string.Concat(result.Content.Select(c =>
                        c.Text ?? (c.Json is { } json ? BedrockChatMapper.ToCompactJson(json) : "")))),
                });
            }
            else if (block.Text is { } text)
            {
                parts.Add(new ContentPart { Type = "text", Text = text });
            }
            else if (block.Image is { Source.Bytes: { } bytes } image)
            {
                parts.Add(new ContentPart { Type = "image_url", ImageUrl = new ImageUrl { Url = $"data:image/{image.Format};base64,{bytes}" } });
            }
        }

        if (parts.Count > 0)
        {
            messages.Add(new ChatMessage
            {
                Role = "user",
                Content = parts.All(p => p.Type == "text") ? new MessageContent(string.Concat(parts.Select(p => p.Text))) : new MessageContent(parts),
            });
        }
    }
}
