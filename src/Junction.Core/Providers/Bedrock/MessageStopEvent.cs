using System.Text.Json;

namespace Junction.Providers.Bedrock;

/// <summary>ConverseStream <c>messageStop</c>.</summary>
internal sealed class MessageStopEvent
{
    public string? StopReason { get; set; }

    public JsonElement? AdditionalModelResponseFields { get; set; }
}
