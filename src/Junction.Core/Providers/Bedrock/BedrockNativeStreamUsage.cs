using System.Text.Json;
using Junction.Protocol.OpenAI;
using Junction.Routing;

namespace Junction.Providers.Bedrock;

/// <summary>Usage in a passed-through ConverseStream: the <c>metadata</c> frame's <c>usage</c>. Frames are never altered or held back.</summary>
internal sealed class BedrockNativeStreamUsage : StreamUsage<EventStreamMessage>
{
    public static readonly BedrockNativeStreamUsage Instance = new();

    public override Usage? GetUsage(EventStreamMessage chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        if (chunk.MessageType != EventStreamHeaderNames.MessageTypeEvent || chunk.EventType != "metadata")
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(chunk.Payload.Span, BedrockJsonContext.Default.ConverseStreamMetadataEvent)?.Usage is { } usage
                ? BedrockChatMapper.FromUsage(usage)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Bedrock frames do not name the model.</summary>
    public override string? GetModel(EventStreamMessage chunk) => null;

    public override bool IsUsageOnly(EventStreamMessage chunk) => false;

    public override void ClearUsage(EventStreamMessage chunk)
    {
    }
}
