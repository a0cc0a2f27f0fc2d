using Junction.Routing;
using Microsoft.Extensions.AI;
using Wire = Junction.Protocol.OpenAI;

namespace Junction.Extensions.AI;

/// <summary>Pure mapping between M.E.AI embedding generation and the OpenAI embeddings request and answer.</summary>
internal static class EmbeddingMapper
{
    public static Wire.EmbeddingRequest ToEmbeddingRequest(
        IEnumerable<string> values, EmbeddingGenerationOptions? options, string? defaultModel,
        IEmbeddingGenerator? generator = null, IReadOnlyList<KeyValuePair<string, object?>>? passthrough = null)
    {
        var request = (generator is not null ? options?.RawRepresentationFactory?.Invoke(generator) as Wire.EmbeddingRequest : null)
            ?? new Wire.EmbeddingRequest();
        request.Model = options?.ModelId ?? request.Model ?? defaultModel;
        request.Input ??= JsonObjects.StringArray(values);
        request.Dimensions ??= options?.Dimensions;
        return passthrough is { Count: > 0 }
            ? WirePassthrough.Merge(request, Wire.OpenAIJsonContext.Wire.EmbeddingRequest, passthrough)
            : request;
    }

    public static GeneratedEmbeddings<Embedding<float>> ToGeneratedEmbeddings(
        Wire.EmbeddingResponse response, RequestContext? context, DateTimeOffset createdAt)
    {
        var embeddings = new GeneratedEmbeddings<Embedding<float>>(
            response.Data.OrderBy(d => d.Index).Select(d => new Embedding<float>(d.Embedding.ToFloats())
            {
                ModelId = response.Model,
                CreatedAt = createdAt,
            }))
        {
            AdditionalProperties = context is null ? null : ChatResponseMapper.ToAdditionalProperties(context),
        };
        if (response.Usage is { } usage)
        {
            embeddings.Usage = new UsageDetails { InputTokenCount = usage.PromptTokens, TotalTokenCount = usage.TotalTokens };
        }

        return embeddings;
    }
}
