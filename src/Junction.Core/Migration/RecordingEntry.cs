using Junction.Protocol.OpenAI;

namespace Junction.Migration;

/// <summary>One recorded request and its answer: one line of a recording file (JSON Lines), already redacted.</summary>
public sealed class RecordingEntry
{
    public string RequestId { get; set; } = "";
    public DateTimeOffset Time { get; set; }
    public string Model { get; set; } = "";
    public ChatCompletionRequest Request { get; set; } = new();
    public ChatCompletionResponse? Response { get; set; }
    public int Status { get; set; } = 200;
    public double LatencyMs { get; set; }
}
