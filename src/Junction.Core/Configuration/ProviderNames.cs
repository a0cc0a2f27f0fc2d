namespace Junction.Configuration;

/// <summary>The provider names accepted in a deployment's <c>provider</c> key.</summary>
public static class ProviderNames
{
    /// <summary>OpenAI or any OpenAI-compatible server.</summary>
    public const string OpenAI = "openai";

    /// <summary>Azure OpenAI (dated api-versions or the v1 API).</summary>
    public const string Azure = "azure";

    /// <summary>An offline provider that returns deterministic text.</summary>
    public const string Mock = "mock";

    /// <summary>Amazon Bedrock Runtime (Converse, ConverseStream, InvokeModel).</summary>
    public const string Bedrock = "bedrock";
}
