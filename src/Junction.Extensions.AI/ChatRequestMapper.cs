using System.Globalization;
using Microsoft.Extensions.AI;
using Wire = Junction.Protocol.OpenAI;

namespace Junction.Extensions.AI;

/// <summary>
/// Pure mapping of an M.E.AI chat call (messages and <see cref="ChatOptions"/>) to the OpenAI wire request the router
/// speaks. A request from <see cref="ChatOptions.RawRepresentationFactory"/> is the starting point: fields it sets win.
/// </summary>
internal static class ChatRequestMapper
{
    public static Wire.ChatCompletionRequest ToChatCompletionRequest(
        IEnumerable<ChatMessage> messages, ChatOptions? options, string? defaultModel, IChatClient? client = null,
        IReadOnlyList<KeyValuePair<string, object?>>? passthrough = null, bool strict = false)
    {
        var request = (client is not null ? options?.RawRepresentationFactory?.Invoke(client) as Wire.ChatCompletionRequest : null)
            ?? new Wire.ChatCompletionRequest();
        request.Model = options?.ModelId ?? request.Model ?? defaultModel;
        request.Messages = [.. request.Messages ?? [], .. ChatMessageMapper.ToWireMessages(messages, options?.Instructions)];
        if (options is not null)
        {
            ApplyOptions(request, options, strict);
        }

        return passthrough is { Count: > 0 }
            ? WirePassthrough.Merge(request, Wire.OpenAIJsonContext.Wire.ChatCompletionRequest, passthrough)
            : request;
    }

    private static void ApplyOptions(Wire.ChatCompletionRequest request, ChatOptions options, bool strict)
    {
        request.Temperature ??= ToDouble(options.Temperature);
        request.TopP ??= ToDouble(options.TopP);
        request.FrequencyPenalty ??= ToDouble(options.FrequencyPenalty);
        request.PresencePenalty ??= ToDouble(options.PresencePenalty);
        if (request.MaxTokens is null)
        {
            request.MaxCompletionTokens ??= options.MaxOutputTokens;
        }

        request.Seed ??= options.Seed;
        if (options.StopSequences is { Count: > 0 } stop)
        {
            request.Stop ??= new Wire.StopSequences([.. stop], wasSingle: false);
        }

        request.ResponseFormat ??= ToResponseFormat(options.ResponseFormat, strict);
        request.ReasoningEffort ??= ToReasoningEffort(options.Reasoning?.Effort);

        var tools = options.Tools?.OfType<AIFunctionDeclaration>().Select(f => ToTool(f, strict)).ToList();
        if (tools is { Count: > 0 })
        {
            request.Tools = [.. request.Tools ?? [], .. tools];
        }

        if (request.Tools is { Count: > 0 })
        {
            request.ToolChoice ??= ToToolChoice(options.ToolMode);
            request.ParallelToolCalls ??= options.AllowMultipleToolCalls;
        }
    }

    public static Wire.ChatTool ToTool(AIFunctionDeclaration function, bool strict) => new()
    {
        Type = "function",
        Function = new Wire.FunctionDefinition
        {
            Name = function.Name,
            Description = string.IsNullOrEmpty(function.Description) ? null : function.Description,
            Parameters = function.JsonSchema,
            Strict = strict ? true : null,
        },
    };

    public static Wire.ToolChoice? ToToolChoice(ChatToolMode? mode) => mode switch
    {
        NoneChatToolMode => Wire.ToolChoice.FromMode("none"),
        AutoChatToolMode => Wire.ToolChoice.FromMode("auto"),
        RequiredChatToolMode { RequiredFunctionName: { } name } => Wire.ToolChoice.ForFunction(name),
        RequiredChatToolMode => Wire.ToolChoice.FromMode("required"),
        _ => null,
    };

    public static Wire.ResponseFormat? ToResponseFormat(ChatResponseFormat? format, bool strict) => format switch
    {
        ChatResponseFormatText => new Wire.ResponseFormat { Type = "text" },
        ChatResponseFormatJson { Schema: { } schema } json => new Wire.ResponseFormat
        {
            Type = "json_schema",
            JsonSchema = JsonObjects.Write(writer =>
            {
                writer.WriteString("name"u8, json.SchemaName ?? "json_schema");
                if (json.SchemaDescription is { } description)
                {
                    writer.WriteString("description"u8, description);
                }

                writer.WritePropertyName("schema"u8);
                schema.WriteTo(writer);
                if (strict)
                {
                    writer.WriteBoolean("strict"u8, true);
                }
            }),
        },
        ChatResponseFormatJson => new Wire.ResponseFormat { Type = "json_object" },
        _ => null,
    };

    public static string? ToReasoningEffort(ReasoningEffort? effort) => effort switch
    {
        ReasoningEffort.None => "none",
        ReasoningEffort.Low => "low",
        ReasoningEffort.Medium => "medium",
        ReasoningEffort.High => "high",
        ReasoningEffort.ExtraHigh => "xhigh",
        _ => null,
    };

    /// <summary>The shortest decimal form of the float (0.7f is sent as 0.7, not 0.699999988079071).</summary>
    public static double? ToDouble(float? value) =>
        value is { } v ? double.Parse(v.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : null;
}
