using System.Runtime.CompilerServices;
using Junction.Protocol.OpenAI;
using Junction.Resilience;
using Junction.Routing;

namespace Junction.Providers.Mock;

/// <summary>
/// The offline provider: deterministic answers (see <see cref="MockResponder"/>) after an optional
/// <c>latency_ms</c>, for chat (streamed or not), legacy completions, embeddings, images (see
/// <see cref="MockMediaResponder"/>) and audio transcription and translation.
/// </summary>
public sealed class MockProvider : IChatProvider, ICompletionProvider, IEmbeddingProvider, IImageProvider, ITranscriptionProvider
{
    public const string ProviderName = "mock";
    private const int DefaultDimensions = 16;

    private readonly TimeProvider _timeProvider;

    public MockProvider(TimeProvider timeProvider) => _timeProvider = timeProvider;

    public string Name => ProviderName;

    public async Task<ChatCompletionResponse> CompleteAsync(ChatCompletionRequest request, Deployment deployment, RequestContext context, CancellationToken cancellationToken)
    {
        await DelayAsync(deployment, cancellationToken).ConfigureAwait(false);
        return MockResponder.Complete(request, NewId("chatcmpl-mock"), Now(), deployment.UpstreamModel);
    }

    public async IAsyncEnumerable<ChatCompletionChunk> StreamAsync(ChatCompletionRequest request, Deployment deployment, RequestContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await DelayAsync(deployment, cancellationToken).ConfigureAwait(false);
        foreach (var chunk in MockResponder.Stream(request, NewId("chatcmpl-mock"), Now(), deployment.UpstreamModel))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return chunk;
        }
    }

    public async Task<CompletionResponse> CompleteTextAsync(CompletionRequest request, Deployment deployment, RequestContext context, CancellationToken cancellationToken)
    {
        await DelayAsync(deployment, cancellationToken).ConfigureAwait(false);
        return MockResponder.CompleteText(request, NewId("cmpl-mock"), Now(), deployment.UpstreamModel);
    }

    public async IAsyncEnumerable<CompletionResponse> StreamTextAsync(CompletionRequest request, Deployment deployment, RequestContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await DelayAsync(deployment, cancellationToken).ConfigureAwait(false);
        foreach (var chunk in MockResponder.StreamText(request, NewId("cmpl-mock"), Now(), deployment.UpstreamModel))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return chunk;
        }
    }

    public async Task<EmbeddingResponse> EmbedAsync(EmbeddingRequest request, Deployment deployment, RequestContext context, CancellationToken cancellationToken)
    {
        var inputs = request.GetTextInputs()
            ?? throw new JunctionException(JunctionErrors.InvalidRequest(
                "The mock provider embeds text only: 'input' must be a string or an array of strings.", "input"));
        await DelayAsync(deployment, cancellationToken).ConfigureAwait(false);
        return MockResponder.Embed(inputs, request.Dimensions ?? DefaultDimensions, request.EncodingFormat == "base64", deployment.UpstreamModel);
    }

    public async Task<ImageGenerationResponse> GenerateImageAsync(ImageGenerationRequest request, Deployment deployment, RequestContext context, CancellationToken cancellationToken)
    {
        await DelayAsync(deployment, cancellationToken).ConfigureAwait(false);
        return MockMediaResponder.GenerateImage(request, Now());
    }

    public async Task<TranscriptionResult> TranscribeAsync(TranscriptionRequest request, Deployment deployment, RequestContext context, CancellationToken cancellationToken)
    {
        await DelayAsync(deployment, cancellationToken).ConfigureAwait(false);
        return MockMediaResponder.Transcribe(request, translate: false);
    }

    public async Task<TranscriptionResult> TranslateAsync(TranscriptionRequest request, Deployment deployment, RequestContext context, CancellationToken cancellationToken)
    {
        await DelayAsync(deployment, cancellationToken).ConfigureAwait(false);
        return MockMediaResponder.Transcribe(request, translate: true);
    }

    private Task DelayAsync(Deployment deployment, CancellationToken cancellationToken) =>
        deployment.Options.LatencyMs is int ms and > 0
            ? Task.Delay(TimeSpan.FromMilliseconds(ms), _timeProvider, cancellationToken)
            : Task.CompletedTask;

    private long Now() => _timeProvider.GetUtcNow().ToUnixTimeSeconds();

    private static string NewId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..24];
}
