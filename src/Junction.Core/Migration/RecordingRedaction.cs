using System.Text.Json;
using Junction.Protocol.OpenAI;

namespace Junction.Migration;

/// <summary>Builds a redacted recording entry: message text, tool-call arguments and answer text pass through the <see cref="Redactor"/>.</summary>
public static class RecordingRedaction
{
    public static RecordingEntry Create(string requestId, DateTimeOffset time, ChatCompletionRequest request, ChatCompletionResponse? response,
        int status, TimeSpan latency, Redactor redactor)
    {
        // Work on copies: the live request and response objects are still in use by the pipeline.
        var requestCopy = Clone(request, OpenAIJsonContext.Wire.ChatCompletionRequest);
        var responseCopy = response is null ? null : Clone(response, OpenAIJsonContext.Wire.ChatCompletionResponse);
        if (!redactor.IsEmpty)
        {
            foreach (var message in requestCopy.Messages ?? [])
            {
                message.Content = Redact(message.Content, redactor);
                RedactCalls(message.ToolCalls, redactor);
            }

            foreach (var choice in responseCopy?.Choices ?? [])
            {
                choice.Message.Content = choice.Message.Content is { } text ? redactor.Redact(text) : null;
                RedactCalls(choice.Message.ToolCalls, redactor);
            }
        }

        return new RecordingEntry
        {
            RequestId = requestId,
            Time = time,
            Model = request.Model ?? "",
            Request = requestCopy,
            Response = responseCopy,
            Status = status,
            LatencyMs = Math.Round(latency.TotalMilliseconds, 1),
        };
    }

    private static MessageContent? Redact(MessageContent? content, Redactor redactor)
    {
        if (content?.Text is { } text)
        {
            return new MessageContent(redactor.Redact(text));
        }

        foreach (var part in content?.Parts ?? [])
        {
            part.Text = part.Text is { } t ? redactor.Redact(t) : null;
        }

        return content;
    }

    private static void RedactCalls(List<ToolCall>? calls, Redactor redactor)
    {
        foreach (var call in calls ?? [])
        {
            if (call.Function?.Arguments is { } args)
            {
                call.Function.Arguments = redactor.Redact(args);
            }
        }
    }

    private static T Clone<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo) =>
        JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo), typeInfo)!;
}
