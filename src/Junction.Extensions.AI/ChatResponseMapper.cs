using System.Text.Json;
using Junction.Routing;
using Microsoft.Extensions.AI;
using Wire = Junction.Protocol.OpenAI;

namespace Junction.Extensions.AI;

/// <summary>
/// Pure mapping of the router's OpenAI answers to M.E.AI: the first choice becomes the assistant message (text, refusal,
/// tool calls), usage becomes <see cref="UsageDetails"/>, and Junction's facts (deployment, cost, attempts, request id)
/// go in <see cref="ChatResponse.AdditionalProperties"/>.
/// </summary>
internal static class ChatResponseMapper
{
    public static ChatResponse ToChatResponse(Wire.ChatCompletionResponse response, RequestContext? context)
    {
        var choice = response.Choices.Count > 0 ? response.Choices[0] : null;
        var created = FromUnixSeconds(response.Created);
        var message = new ChatMessage(ChatRole.Assistant, choice is null ? [] : ToContents(choice.Message))
        {
            MessageId = response.Id,
            CreatedAt = created,
            RawRepresentation = choice?.Message,
        };
        if (choice?.Message.Role is { Length: > 0 } role && role != "assistant")
        {
            message.Role = new ChatRole(role);
        }

        return new ChatResponse(message)
        {
            ResponseId = response.Id,
            ModelId = response.Model,
            CreatedAt = created,
            FinishReason = ToFinishReason(choice?.FinishReason),
            Usage = response.Usage is { } usage ? ToUsageDetails(usage) : null,
            RawRepresentation = response,
            AdditionalProperties = context is null ? null : ToAdditionalProperties(context),
        };
    }

    private static List<AIContent> ToContents(Wire.ChatResponseMessage message)
    {
        var contents = new List<AIContent>();
        if (!string.IsNullOrEmpty(message.Content))
        {
            contents.Add(new TextContent(message.Content));
        }

        if (!string.IsNullOrEmpty(message.Refusal))
        {
            contents.Add(new ErrorContent(message.Refusal) { ErrorCode = "refusal" });
        }

        foreach (var call in message.ToolCalls ?? [])
        {
            contents.Add(ToFunctionCall(call.Id ?? "", call.Function?.Name ?? "", call.Function?.Arguments));
        }

        return contents;
    }

    public static FunctionCallContent ToFunctionCall(string callId, string name, string? arguments) =>
        FunctionCallContent.CreateFromParsedArguments(string.IsNullOrEmpty(arguments) ? "{}" : arguments, callId, name,
            static json => (IDictionary<string, object?>?)JsonSerializer.Deserialize(json,
                AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>))));

    public static ChatFinishReason? ToFinishReason(string? reason) => reason switch
    {
        null => null,
        "stop" => ChatFinishReason.Stop,
        "length" => ChatFinishReason.Length,
        "tool_calls" or "function_call" => ChatFinishReason.ToolCalls,
        "content_filter" => ChatFinishReason.ContentFilter,
        _ => new ChatFinishReason(reason),
    };

    public static UsageDetails ToUsageDetails(Wire.Usage usage) => new()
    {
        InputTokenCount = usage.PromptTokens,
        OutputTokenCount = usage.CompletionTokens,
        TotalTokenCount = usage.TotalTokens,
        CachedInputTokenCount = usage.PromptTokensDetails?.CachedTokens,
        ReasoningTokenCount = usage.CompletionTokensDetails?.ReasoningTokens,
    };

    /// <summary>What Junction knows about how the request was served, under <see cref="JunctionPropertyNames"/> keys.</summary>
    public static AdditionalPropertiesDictionary ToAdditionalProperties(RequestContext context)
    {
        var properties = new AdditionalPropertiesDictionary
        {
            [JunctionPropertyNames.RequestId] = context.RequestId,
            [JunctionPropertyNames.Attempts] = context.AttemptCount,
        };
        if (context.ServedBy is { } deployment)
        {
            properties[JunctionPropertyNames.Deployment] = deployment.Id;
            properties[JunctionPropertyNames.Provider] = deployment.ProviderName;
        }

        if (context.FallbackModel is { } fallback)
        {
            properties[JunctionPropertyNames.FallbackModel] = fallback;
        }

        if (context.Cost is { } cost)
        {
            properties[JunctionPropertyNames.Cost] = cost;
        }

        return properties;
    }

    public static DateTimeOffset? FromUnixSeconds(long seconds) =>
        seconds > 0 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
}
