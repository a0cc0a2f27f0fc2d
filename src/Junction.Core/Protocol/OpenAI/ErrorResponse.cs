namespace Junction.Protocol.OpenAI;

/// <summary>OpenAI's error envelope: <c>{"error":{...}}</c>.</summary>
public sealed class ErrorResponse
{
    public ErrorBody Error { get; set; } = new();
}
