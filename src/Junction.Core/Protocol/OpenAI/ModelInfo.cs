namespace Junction.Protocol.OpenAI;

/// <summary>One model of <c>GET /v1/models</c>: a Junction public model name.</summary>
public sealed class ModelInfo
{
    public string Id { get; set; } = "";
    public string Object { get; set; } = "model";
    public long Created { get; set; }
    public string OwnedBy { get; set; } = "junction";
}
