using System.Diagnostics;
using Junction.Protocol.OpenAI;
using Junction.Providers;
using Junction.Resilience;
using Microsoft.Extensions.Logging;

namespace Junction.Routing;

/// <summary>
/// The router shared by the server and the in-process client: resolves a public model to its group, tries
/// deployments in route-plan order with retries (<see cref="AttemptRunner"/>), and for streams stops retrying
/// at the commit point (the first chunk).
/// </summary>
public sealed class JunctionRouter
{
    private readonly AttemptRunner _runner;
    private readonly TimeProvider _timeProvider;
    private RoutingTable _table;

    public JunctionRouter(RoutingTable table, TimeProvider timeProvider, IRandomSource random, ILogger<JunctionRouter> logger)
    {
        _table = table;
        _timeProvider = timeProvider;
        _runner = new AttemptRunner(timeProvider, random, logger);
    }

    /// <summary>The current routing snapshot.</summary>
    public RoutingTable Table => Volatile.Read(ref _table);

    /// <summary>Swaps in a new routing snapshot; requests in flight finish on the one they started with.</summary>
    public void Swap(RoutingTable table) => Volatile.Write(ref _table, table);

    /// <summary>The group for a public model name, or a 404 <c>model_not_found</c>.</summary>
    public ModelGroup Resolve(string? model, RequestContext context)
    {
        if (string.IsNullOrEmpty(model))
        {
            throw new JunctionException(JunctionErrors.MissingField("model"));
        }

        context.Model = model;
        return Table.TryGetGroup(model, out var group)
            ? group
            : throw new JunctionException(JunctionErrors.ModelNotFound(model));
    }

    public async Task<ChatCompletionResponse> CompleteChatAsync(
        ChatCompletionRequest request, RequestContext context, CancellationToken cancellationToken)
    {
        var group = Resolve(request.Model, context);
        using var deadline = new RequestDeadline(group.Policy.Timeout, _timeProvider, cancellationToken);
        var response = await _runner.RunAsync<IChatProvider, ChatCompletionResponse>(
            group, context, deadline,
            (provider, deployment, token) => provider.CompleteAsync(request, deployment, context, token)).ConfigureAwait(false);
        context.Usage = response.Usage;
        return response;
    }

    public Task<RoutedStream<ChatCompletionChunk>> StreamChatAsync(
        ChatCompletionRequest request, RequestContext context, CancellationToken cancellationToken)
    {
        var group = Resolve(request.Model, context);
        return OpenStreamAsync<IChatProvider, ChatCompletionChunk>(
            group, context, request.StreamOptions?.IncludeUsage == true, ChatStreamUsage.Instance,
            (provider, deployment, token) => provider.StreamAsync(request, deployment, context, token), cancellationToken);
    }

    public async Task<CompletionResponse> CompleteTextAsync(
        CompletionRequest request, RequestContext context, CancellationToken cancellationToken)
    {
        var group = Resolve(request.Model, context);
        using var deadline = new RequestDeadline(group.Policy.Timeout, _timeProvider, cancellationToken);
        var response = await _runner.RunAsync<ICompletionProvider, CompletionResponse>(
            group, context, deadline,
            (provider, deployment, token) => provider.CompleteTextAsync(request, deployment, context, token)).ConfigureAwait(false);
        context.Usage = response.Usage;
        return response;
    }

    public Task<RoutedStream<CompletionResponse>> StreamTextAsync(
        CompletionRequest request, RequestContext context, CancellationToken cancellationToken)
    {
        var group = Resolve(request.Model, context);
        return OpenStreamAsync<ICompletionProvider, CompletionResponse>(
            group, context, request.StreamOptions?.IncludeUsage == true, CompletionStreamUsage.Instance,
            (provider, deployment, token) => provider.StreamTextAsync(request, deployment, context, token), cancellationToken);
    }

    public async Task<EmbeddingResponse> EmbedAsync(
        EmbeddingRequest request, RequestContext context, CancellationToken cancellationToken)
    {
        var group = Resolve(request.Model, context);
        using var deadline = new RequestDeadline(group.Policy.Timeout, _timeProvider, cancellationToken);
        var response = await _runner.RunAsync<IEmbeddingProvider, EmbeddingResponse>(
            group, context, deadline,
            (provider, deployment, token) => provider.EmbedAsync(request, deployment, context, token)).ConfigureAwait(false);
        if (response.Usage is { } usage)
        {
            context.Usage = new Usage { PromptTokens = usage.PromptTokens, TotalTokens = usage.TotalTokens };
        }

        return response;
    }

    public Task<ImageGenerationResponse> GenerateImageAsync(
        ImageGenerationRequest request, RequestContext context, CancellationToken cancellationToken) =>
        RunAsync<IImageProvider, ImageGenerationResponse>(request.Model, "image generation", context,
            (provider, deployment, token) => provider.GenerateImageAsync(request, deployment, context, token), cancellationToken);

    public Task<TranscriptionResult> TranscribeAsync(
        TranscriptionRequest request, RequestContext context, CancellationToken cancellationToken) =>
        RunAsync<ITranscriptionProvider, TranscriptionResult>(request.Model, "audio transcription", context,
            (provider, deployment, token) => provider.TranscribeAsync(request, deployment, context, token), cancellationToken);

    public Task<TranscriptionResult> TranslateAsync(
        TranscriptionRequest request, RequestContext context, CancellationToken cancellationToken) =>
        RunAsync<ITranscriptionProvider, TranscriptionResult>(request.Model, "audio translation", context,
            (provider, deployment, token) => provider.TranslateAsync(request, deployment, context, token), cancellationToken);

    /// <summary>
    /// One non-streamed call: resolves the group, checks that a deployment has the capability (naming it in the
    /// error), then runs the attempts.
    /// </summary>
    private async Task<TResult> RunAsync<TProvider, TResult>(string? model, string capability, RequestContext context,
        Func<TProvider, Deployment, CancellationToken, Task<TResult>> call, CancellationToken cancellationToken)
        where TProvider : class, IProvider
    {
        var group = Resolve(model, context);
        if (!group.Deployments.Any(static d => d.Provider is TProvider))
        {
            throw new JunctionException(JunctionErrors.CapabilityNotSupported(group.Name, capability));
        }

        using var deadline = new RequestDeadline(group.Policy.Timeout, _timeProvider, cancellationToken);
        return await _runner.RunAsync(group, context, deadline, call).ConfigureAwait(false);
    }

    private async Task<RoutedStream<TChunk>> OpenStreamAsync<TProvider, TChunk>(
        ModelGroup group, RequestContext context, bool clientWantsUsage, StreamUsage<TChunk> usage,
        Func<TProvider, Deployment, CancellationToken, IAsyncEnumerable<TChunk>> open, CancellationToken cancellationToken)
        where TProvider : class, IProvider
        where TChunk : class
    {
        var deadline = new RequestDeadline(group.Policy.Timeout, _timeProvider, cancellationToken);
        try
        {
            var opened = await _runner.RunAsync<TProvider, OpenedStream<TChunk>>(
                group, context, deadline,
                async (provider, deployment, token) =>
                {
                    var enumerator = open(provider, deployment, token).GetAsyncEnumerator(token);
                    try
                    {
                        if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                        {
                            throw new JunctionException(JunctionErrors.UpstreamInvalidResponse(
                                deployment.ProviderName, deployment.Id, "the stream ended before its first chunk"));
                        }

                        // The stream now holds the deployment's in-flight slot until it is disposed.
                        deployment.State.Enter();
                        return new OpenedStream<TChunk>(enumerator, enumerator.Current, deployment);
                    }
                    catch
                    {
                        await enumerator.DisposeAsync().ConfigureAwait(false);
                        throw;
                    }
                }).ConfigureAwait(false);

            return new RoutedStream<TChunk>(opened.Enumerator, opened.First, usage, clientWantsUsage, context, deadline, opened.Deployment);
        }
        catch
        {
            deadline.Dispose();
            throw;
        }
    }

    private sealed record OpenedStream<TChunk>(IAsyncEnumerator<TChunk> Enumerator, TChunk First, Deployment Deployment);

    /// <summary>Elapsed time helper for callers that time their own work.</summary>
    internal static TimeSpan Since(long timestamp) => Stopwatch.GetElapsedTime(timestamp);
}
