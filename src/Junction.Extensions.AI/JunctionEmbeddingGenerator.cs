using Junction.Resilience;
using Microsoft.Extensions.AI;

namespace Junction.Extensions.AI;

/// <summary>
/// An <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> over Junction's router, in process. The model is
/// <see cref="EmbeddingGenerationOptions.ModelId"/>, else the default given here. Failures throw <see cref="JunctionRequestException"/>.
/// </summary>
public sealed class JunctionEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly JunctionRuntime _runtime;
    private readonly EmbeddingGeneratorMetadata _metadata;

    public JunctionEmbeddingGenerator(JunctionRuntime runtime, string? defaultModelId = null)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        _runtime = runtime;
        DefaultModelId = defaultModelId;
        _metadata = new EmbeddingGeneratorMetadata(JunctionInfo.Name, providerUri: null, defaultModelId);
    }

    /// <summary>The public model used when <see cref="EmbeddingGenerationOptions.ModelId"/> is not set.</summary>
    public string? DefaultModelId { get; }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var call = JunctionCall.Start(_runtime, options?.AdditionalProperties);
        var request = EmbeddingMapper.ToEmbeddingRequest(values, options, DefaultModelId, this, call.Passthrough);
        try
        {
            var response = await _runtime.Router.EmbedAsync(request, call.Context, cancellationToken).ConfigureAwait(false);
            return EmbeddingMapper.ToGeneratedEmbeddings(response, call.Context, _runtime.TimeProvider.GetUtcNow());
        }
        catch (JunctionException ex)
        {
            throw JunctionRequestException.From(ex, call.Context.RequestId);
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType == typeof(JunctionRuntime) ? _runtime
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
        // The runtime is shared and owned by whoever created it.
    }
}
