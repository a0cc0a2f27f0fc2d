using Junction.Protocol.OpenAI;
using Junction.Providers;
using Junction.Resilience;
using Microsoft.Extensions.Logging;

namespace Junction.Routing;

/// <summary>
/// The router shared by the server and the in-process client: resolves a public model to its group, applies the
/// request's routing overrides, runs the attempts (<see cref="AttemptRunner"/>: strategy, retries, cooldown,
/// fallbacks), and for streams stops retrying at the commit point (the first chunk).
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

    public TimeProvider TimeProvider => _timeProvider;

    /// <summary>Swaps in a new routing snapshot; requests in flight finish on the one they started with.</summary>
    public void Swap(RoutingTable table) => Volatile.Write(ref _table, table);

    /// <summary>The group for a public model name, or a 404 <c>model_not_found</c>.</summary>
    public ModelGroup Resolve(string? model, RequestContext context) => Resolve(Table, model, context);

    private static ModelGroup Resolve(RoutingTable table, string? model, RequestContext context)
    {
        if (string.IsNullOrEmpty(model))
        {
            throw new JunctionException(JunctionErrors.MissingField("model"));
        }

        context.Model = model;
        return table.TryGetGroup(model, out var group)
            ? group
            : throw new JunctionException(JunctionErrors.ModelNotFound(model));
    }

    public Task<ChatCompletionResponse> CompleteChatAsync(ChatCompletionRequest request, RequestContext context, CancellationToken cancellationToken)
    {
        context.MaxOutputTokens ??= request.MaxCompletionTokens ?? request.MaxTokens;
        return RunAsync<IChatProvider, ChatCompletionResponse>(request.Model, context, cancellationToken,
            (provider, deployment, attempt) => provider.CompleteAsync(request, deployment, context, attempt.Token), r => r.Usage);
    }

    public Task<RoutedStream<ChatCompletionChunk>> StreamChatAsync(ChatCompletionRequest request, RequestContext context, CancellationToken cancellationToken)
    {
        context.MaxOutputTokens ??= request.MaxCompletionTokens ?? request.MaxTokens;
        return OpenStreamAsync<IChatProvider, ChatCompletionChunk>(request.Model, context, request.StreamOptions?.IncludeUsage == true, ChatStreamUsage.Instance,
            (provider, deployment, token) => provider.StreamAsync(request, deployment, context, token), cancellationToken);
    }

    public Task<CompletionResponse> CompleteTextAsync(CompletionRequest request, RequestContext context, CancellationToken cancellationToken)
    {
        context.MaxOutputTokens ??= request.MaxTokens;
        return RunAsync<ICompletionProvider, CompletionResponse>(request.Model, context, cancellationToken,
            (provider, deployment, attempt) => provider.CompleteTextAsync(request, deployment, context, attempt.Token), r => r.Usage);
    }

    public Task<RoutedStream<CompletionResponse>> StreamTextAsync(CompletionRequest request, RequestContext context, CancellationToken cancellationToken)
    {
        context.MaxOutputTokens ??= request.MaxTokens;
        return OpenStreamAsync<ICompletionProvider, CompletionResponse>(request.Model, context, request.StreamOptions?.IncludeUsage == true, CompletionStreamUsage.Instance,
            (provider, deployment, token) => provider.StreamTextAsync(request, deployment, context, token), cancellationToken);
    }

    public Task<EmbeddingResponse> EmbedAsync(EmbeddingRequest request, RequestContext context, CancellationToken cancellationToken)
    {
        context.MaxOutputTokens ??= 0;
        return RunAsync<IEmbeddingProvider, EmbeddingResponse>(request.Model, context, cancellationToken,
            (provider, deployment, attempt) => provider.EmbedAsync(request, deployment, context, attempt.Token),
            r => r.Usage is { } u ? new Usage { PromptTokens = u.PromptTokens, TotalTokens = u.TotalTokens } : null);
    }

    private RoutingPolicy PolicyFor(ModelGroup group, RequestContext context, RoutingTable table)
    {
        if (context.Overrides is not { } overrides)
        {
            return group.Policy;
        }

        foreach (var fallback in overrides.Fallbacks ?? [])
        {
            if (!table.TryGetGroup(fallback, out _))
            {
                throw new JunctionException(JunctionErrors.InvalidRequest(
                    $"The {RoutingOverrides.HeaderName} header names a fallback model that does not exist. List the available models with GET /v1/models.",
                    RoutingOverrides.HeaderName, "model_not_found"));
            }
        }

        return overrides.ApplyTo(group.Policy);
    }

    private async Task<TResult> RunAsync<TProvider, TResult>(
        string? model, RequestContext context, CancellationToken cancellationToken,
        Func<TProvider, Deployment, AttemptScope, Task<TResult>> call, Func<TResult, Usage?> usage)
        where TProvider : class, IProvider
    {
        var table = Table;
        var group = Resolve(table, model, context);
        var policy = PolicyFor(group, context, table);
        if (context.Admission is { } admission)
        {
            await admission.AdmitAsync(context, group, cancellationToken).ConfigureAwait(false);
        }

        using var deadline = new RequestDeadline(policy.Timeout, _timeProvider, cancellationToken);
        var result = await _runner.RunAsync(table, group, policy, context, deadline, streaming: false, call).ConfigureAwait(false);
        if (usage(result) is { } u)
        {
            context.Usage = u;
            context.ServedBy?.State.RecordTokens(_timeProvider.GetUtcNow(), u.TotalTokens);
        }

        return result;
    }

    private async Task<RoutedStream<TChunk>> OpenStreamAsync<TProvider, TChunk>(
        string? model, RequestContext context, bool clientWantsUsage, StreamUsage<TChunk> usage,
        Func<TProvider, Deployment, CancellationToken, IAsyncEnumerable<TChunk>> open, CancellationToken cancellationToken)
        where TProvider : class, IProvider
        where TChunk : class
    {
        var table = Table;
        var group = Resolve(table, model, context);
        var policy = PolicyFor(group, context, table);
        if (context.Admission is { } admission)
        {
            await admission.AdmitAsync(context, group, cancellationToken).ConfigureAwait(false);
        }

        var deadline = new RequestDeadline(policy.Timeout, _timeProvider, cancellationToken);
        try
        {
            var opened = await _runner.RunAsync<TProvider, OpenedStream<TChunk>>(
                table, group, policy, context, deadline, streaming: true,
                async (provider, deployment, attempt) =>
                {
                    var enumerator = open(provider, deployment, attempt.Token).GetAsyncEnumerator(attempt.Token);
                    try
                    {
                        if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                        {
                            throw new JunctionException(JunctionErrors.UpstreamInvalidResponse(
                                deployment.ProviderName, deployment.Id, "the stream ended before its first chunk"));
                        }

                        // Committed: no more retries. The stream now owns the attempt (so a client disconnect still
                        // cancels the upstream) and the deployment's in-flight slot, until it is disposed.
                        attempt.Disarm();
                        attempt.KeepAlive();
                        deployment.State.Enter();
                        return new OpenedStream<TChunk>(enumerator, enumerator.Current, deployment, attempt);
                    }
                    catch
                    {
                        await enumerator.DisposeAsync().ConfigureAwait(false);
                        throw;
                    }
                }).ConfigureAwait(false);

            return new RoutedStream<TChunk>(opened.Enumerator, opened.First, usage, clientWantsUsage, context, deadline,
                opened.Deployment, opened.Attempt, _timeProvider);
        }
        catch
        {
            deadline.Dispose();
            throw;
        }
    }

    private sealed record OpenedStream<TChunk>(IAsyncEnumerator<TChunk> Enumerator, TChunk First, Deployment Deployment, AttemptScope Attempt);
}
