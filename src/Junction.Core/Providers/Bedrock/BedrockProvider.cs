using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Junction.Http;
using Junction.Protocol.OpenAI;
using Junction.Resilience;
using Junction.Routing;

namespace Junction.Providers.Bedrock;

/// <summary>
/// Amazon Bedrock Runtime. Transport only: chat goes through Converse / ConverseStream (mapped by
/// <see cref="BedrockChatMapper"/> and, per stream, <see cref="BedrockStreamMapper"/>), embeddings and images through
/// InvokeModel (<see cref="BedrockEmbeddingMapper"/>, <see cref="BedrockImageMapper"/>); sending, signing and error
/// mapping live in <see cref="BedrockTransport"/>. The Bedrock-native passthrough used by the <c>/bedrock/model/...</c>
/// surface is <see cref="SendNativeAsync"/> / <see cref="StreamNativeAsync"/>.
/// </summary>
public sealed class BedrockProvider : IChatProvider, IEmbeddingProvider, IImageProvider
{
    public const string ProviderName = "bedrock";

    /// <summary>How many InvokeModel calls of one request (a Titan input list, Stability <c>n</c>) run at once.</summary>
    internal const int MaxParallelInvocations = 4;

    private readonly TimeProvider _timeProvider;
    private readonly BedrockTransport _transport;

    public BedrockProvider(UpstreamHttpClientPool clients, TimeProvider timeProvider)
        : this(clients, timeProvider, new AwsDefaultCredentials(timeProvider))
    {
    }

    internal BedrockProvider(UpstreamHttpClientPool clients, TimeProvider timeProvider, AwsDefaultCredentials defaultCredentials)
    {
        _timeProvider = timeProvider;
        _transport = new BedrockTransport(clients, timeProvider, defaultCredentials);
    }

    public string Name => ProviderName;

    public async Task<ChatCompletionResponse> CompleteAsync(ChatCompletionRequest request, Deployment deployment, RequestContext context, CancellationToken cancellationToken)
    {
        var settings = Settings(deployment);
        var body = ConverseBody(request, settings, context);
        using var response = await _transport.SendAsync(settings.Converse, body, BedrockTransport.JsonMediaType, deployment, context, cancellationToken)
            .ConfigureAwait(false);
        var converse = await BedrockTransport.ReadJsonAsync(response, BedrockJsonContext.Default.ConverseResponse, deployment, cancellationToken)
            .ConfigureAwait(false);
        return BedrockChatMapper.FromConverseResponse(converse, ChatId(response), Now(), deployment.UpstreamModel);
    }

    public async IAsyncEnumerable<ChatCompletionChunk> StreamAsync(ChatCompletionRequest request, Deployment deployment, RequestContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var settings = Settings(deployment);
        var body = ConverseBody(request, settings, context);
        using var response = await _transport.SendAsync(settings.ConverseStream, body, BedrockTransport.EventStreamMediaType, deployment, context,
            cancellationToken).ConfigureAwait(false);
        var requestId = BedrockTransport.Header(response, BedrockTransport.RequestIdHeader);
        var mapper = new BedrockStreamMapper(ChatId(response), Now(), deployment.UpstreamModel, deployment.Id, requestId);
        await foreach (var frame in BedrockTransport.ReadFramesAsync(response, deployment, cancellationToken).ConfigureAwait(false))
        {
            foreach (var chunk in mapper.OnMessage(frame))
            {
                yield return chunk;
            }
        }
    }

    public async Task<EmbeddingResponse> EmbedAsync(EmbeddingRequest request, Deployment deployment, RequestContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = Settings(deployment);
        var base64 = BedrockEmbeddingMapper.WantsBase64(request);
        switch (settings.Family)
        {
            case BedrockModelFamily.TitanEmbedV1 or BedrockModelFamily.TitanEmbedV2:
                // The mapper tells v1 from v2 by model id; an ARN with model_family set is given the family's base id.
                var familyId = settings.Family == BedrockModelFamily.TitanEmbedV1 ? "amazon.titan-embed-text-v1" : "amazon.titan-embed-text-v2:0";
                var titan = BedrockEmbeddingMapper.ToTitanRequests(request, BedrockModelId.Family(settings.ModelId) == settings.Family ? settings.ModelId : familyId);
                var titanAnswers = await InvokeAllAsync(titan, BedrockJsonContext.Default.TitanEmbedRequest,
                    BedrockJsonContext.Default.TitanEmbedResponse, deployment, context, cancellationToken).ConfigureAwait(false);
                return BedrockEmbeddingMapper.FromTitanResponses([.. titanAnswers.Select(a => a.Body)], base64, deployment.UpstreamModel);
            case BedrockModelFamily.CohereEmbed:
                var cohere = BedrockEmbeddingMapper.ToCohereRequests(request);
                var cohereAnswers = await InvokeAllAsync(cohere, BedrockJsonContext.Default.CohereEmbedRequest,
                    BedrockJsonContext.Default.CohereEmbedResponse, deployment, context, cancellationToken).ConfigureAwait(false);
                return BedrockEmbeddingMapper.FromCohereResponses([.. cohereAnswers.Select(a => a.Body)], base64, deployment.UpstreamModel,
                    cohereAnswers.Sum(a => a.InputTokens ?? 0));
            default:
                throw NotA(deployment, "an embedding model", $"{BedrockModelFamilyNames.TitanEmbedV1}, {BedrockModelFamilyNames.TitanEmbedV2} or {BedrockModelFamilyNames.CohereEmbed}");
        }
    }

    /// <summary>
    /// <c>/v1/images/generations</c> through InvokeModel: Titan Image Generator / Nova Canvas in one call, Stability
    /// models in one call per image. (Wired to the images endpoint through the image capability interface.)
    /// </summary>
    public async Task<ImageGenerationResponse> GenerateImageAsync(ImageGenerationRequest request, Deployment deployment, RequestContext context,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = Settings(deployment);
        switch (settings.Family)
        {
            case BedrockModelFamily.TitanImage:
                var titan = await InvokeAllAsync([BedrockImageMapper.ToTitanImageRequest(request)], BedrockJsonContext.Default.TitanImageRequest,
                    BedrockJsonContext.Default.TitanImageResponse, deployment, context, cancellationToken).ConfigureAwait(false);
                return BedrockImageMapper.FromTitanImageResponse(titan[0].Body, Now());
            case BedrockModelFamily.StabilitySdxl:
                var sdxl = BedrockImageMapper.ToSdxlRequest(request);
                var sdxlAnswers = await InvokeAllAsync(Enumerable.Repeat(sdxl, BedrockImageMapper.CallsFor(request)).ToList(),
                    BedrockJsonContext.Default.SdxlImageRequest, BedrockJsonContext.Default.SdxlImageResponse, deployment, context,
                    cancellationToken).ConfigureAwait(false);
                return BedrockImageMapper.FromSdxlResponses([.. sdxlAnswers.Select(a => a.Body)], Now());
            case BedrockModelFamily.StabilityStableImage:
                var stable = BedrockImageMapper.ToStableImageRequest(request);
                var stableAnswers = await InvokeAllAsync(Enumerable.Repeat(stable, BedrockImageMapper.CallsFor(request)).ToList(),
                    BedrockJsonContext.Default.StableImageRequest, BedrockJsonContext.Default.StableImageResponse, deployment, context,
                    cancellationToken).ConfigureAwait(false);
                return BedrockImageMapper.FromStableImageResponses([.. stableAnswers.Select(a => a.Body)], Now());
            default:
                throw NotA(deployment, "an image model", $"{BedrockModelFamilyNames.TitanImage}, {BedrockModelFamilyNames.StabilitySdxl} or {BedrockModelFamilyNames.StabilityImage}");
        }
    }

    /// <summary>
    /// Bedrock-native passthrough of a non-streaming operation (<c>converse</c>, <c>invoke</c>): the client's body is
    /// re-signed with this deployment's credentials and the whole answer comes back as bytes.
    /// </summary>
    internal async Task<BedrockNativeResponse> SendNativeAsync(string operation, ReadOnlyMemory<byte> body, Deployment deployment,
        RequestContext context, CancellationToken cancellationToken)
    {
        var settings = Settings(deployment);
        using var response = await _transport.SendAsync(settings.Operation(operation), body, BedrockTransport.JsonMediaType, deployment, context,
            cancellationToken).ConfigureAwait(false);
        var bytes = await BedrockTransport.ReadBodyAsync(response, deployment, cancellationToken).ConfigureAwait(false);
        return new BedrockNativeResponse(bytes, response.Content.Headers.ContentType?.ToString() ?? BedrockTransport.JsonMediaType,
            BedrockTransport.Header(response, BedrockTransport.RequestIdHeader),
            BedrockTransport.IntHeader(response, BedrockTransport.InputTokenCountHeader),
            BedrockTransport.IntHeader(response, BedrockTransport.OutputTokenCountHeader));
    }

    /// <summary>Bedrock-native passthrough of a streaming operation: the upstream's frames, exception frames included, as they arrive.</summary>
    internal async IAsyncEnumerable<EventStreamMessage> StreamNativeAsync(string operation, ReadOnlyMemory<byte> body, Deployment deployment,
        RequestContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var settings = Settings(deployment);
        using var response = await _transport.SendAsync(settings.Operation(operation), body, BedrockTransport.EventStreamMediaType, deployment,
            context, cancellationToken).ConfigureAwait(false);
        await foreach (var frame in BedrockTransport.ReadFramesAsync(response, deployment, cancellationToken).ConfigureAwait(false))
        {
            yield return frame;
        }
    }

    private static BedrockDeploymentSettings Settings(Deployment deployment) => deployment.GetSettings(BedrockDeploymentSettings.From);

    private static byte[] ConverseBody(ChatCompletionRequest request, BedrockDeploymentSettings settings, RequestContext context)
    {
        var converse = BedrockChatMapper.ToConverseRequest(request, settings.Mapping, out var dropped);
        context.DroppedParams = dropped.Count > 0 ? dropped : null;
        return JsonSerializer.SerializeToUtf8Bytes(converse, BedrockJsonContext.Default.ConverseRequest);
    }

    /// <summary>
    /// One InvokeModel call per body, at most <see cref="MaxParallelInvocations"/> at a time; answers come back in
    /// the order of <paramref name="bodies"/>. The first failure cancels the calls still running.
    /// </summary>
    private async Task<InvokeAnswer<TResponse>[]> InvokeAllAsync<TRequest, TResponse>(IReadOnlyList<TRequest> bodies,
        JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, Deployment deployment, RequestContext context,
        CancellationToken cancellationToken)
    {
        var uri = Settings(deployment).Invoke;
        var answers = new InvokeAnswer<TResponse>[bodies.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = MaxParallelInvocations, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, bodies.Count), options, async (i, token) =>
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(bodies[i], requestType);
            using var response = await _transport.SendAsync(uri, body, BedrockTransport.JsonMediaType, deployment, context, token).ConfigureAwait(false);
            var parsed = await BedrockTransport.ReadJsonAsync(response, responseType, deployment, token).ConfigureAwait(false);
            answers[i] = new InvokeAnswer<TResponse>(parsed,
                BedrockTransport.IntHeader(response, BedrockTransport.InputTokenCountHeader),
                BedrockTransport.IntHeader(response, BedrockTransport.OutputTokenCountHeader));
        }).ConfigureAwait(false);
        return answers;
    }

    private static JunctionException NotA(Deployment deployment, string what, string families) => new(JunctionErrors.InvalidRequest(
        $"The Bedrock model of deployment '{deployment.Id}' is not {what} Junction can call through InvokeModel. " +
        $"If the model id is an ARN, set model_family on the deployment ({families}).", "model", "unsupported_model"));

    private static string ChatId(HttpResponseMessage response) =>
        "chatcmpl-" + (BedrockTransport.Header(response, BedrockTransport.RequestIdHeader) is { Length: > 0 } id ? id : Guid.NewGuid().ToString("N"));

    private long Now() => _timeProvider.GetUtcNow().ToUnixTimeSeconds();

    private sealed record InvokeAnswer<T>(T Body, int? InputTokens, int? OutputTokens);
}
