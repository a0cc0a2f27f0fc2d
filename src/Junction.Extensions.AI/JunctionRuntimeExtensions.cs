using Microsoft.Extensions.AI;

namespace Junction.Extensions.AI;

/// <summary>M.E.AI views of a <see cref="JunctionRuntime"/>.</summary>
public static class JunctionRuntimeExtensions
{
    /// <summary>A chat client for the public model <paramref name="defaultModelId"/> (overridable per call with <see cref="ChatOptions.ModelId"/>).</summary>
    public static IChatClient AsChatClient(this JunctionRuntime runtime, string? defaultModelId = null) =>
        new JunctionChatClient(runtime, defaultModelId);

    /// <summary>An embedding generator for the public model <paramref name="defaultModelId"/>.</summary>
    public static IEmbeddingGenerator<string, Embedding<float>> AsEmbeddingGenerator(this JunctionRuntime runtime, string? defaultModelId = null) =>
        new JunctionEmbeddingGenerator(runtime, defaultModelId);
}
