using Junction.Protocol.OpenAI;
using Junction.Providers;
using Junction.Resilience;
using Junction.Spend;
using Junction.Telemetry;
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
    private readonly RequestHooks _hooks;
    private readonly ILogger _logger;
    private RoutingTable _table;

    public JunctionRouter(RoutingTable table, TimeProvider timeProvider, IRandomSource random, ILogger<JunctionRouter> logger, RequestHooks? hooks = null)
    {
        _table = table;
        _timeProvider = timeProvider;
        _hooks = hooks ?? RequestHooks.None;
        _logger = logger;
        _runner = new AttemptRunner(timeProvider, random, logger);
    }

    /// <summary>Percentage rollouts: may send a chat request to another public model (set by the runtime).</summary>
    public IChatRedirect? ChatRedirect { get; set; }

    /// <summary>What runs when a request finishes: cost estimation and the request observers.</summary>
    public RequestHooks Hooks => _hooks;

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

        context.Model ??= model;
        return table.TryGetGroup(model, out var group)
            ? group
            : throw new JunctionException(JunctionErrors.ModelNotFound(model));
    }

    public Task<ChatCompletionResponse> CompleteChatAsync(ChatCompletionRequest request, RequestContext context, CancellationToken cancellationToken)
    {
        context.MaxOutputTokens ??= request.MaxCompletionTokens ?? request.MaxTokens;
        CapturePrompt(context, () => PromptOf(request));
        return RunAsync<IChatProvider, ChatCompletionResponse>(JunctionTelemetry.Operations.Chat, ChatModel(request, context), context, cancellationToken,
            (provider, deployment, attempt) => provider.CompleteAsync(request, deployment, context, attempt.Token), r => CaptureAnswer(context, r.Usage, r.Choices.Count > 0 ? r.Choices[0].Message.Content : null), r => r.Model);
    }

    public Task<RoutedStream<ChatCompletionChunk>> StreamChatAsync(ChatCompletionRequest request, RequestContext context, CancellationToken cancellationToken)
    {
        context.MaxOutputTokens ??= request.MaxCompletionTokens ?? request.MaxTokens;
        CapturePrompt(context, () => PromptOf(request));
        return OpenStreamAsync<IChatProvider, ChatCompletionChunk>(JunctionTelemetry.Operations.Chat, ChatModel(request, context), context, request.StreamOptions?.IncludeUsage == true, ChatStreamUsage.Instance,
            (provider, deployment, token) => provider.StreamAsync(request, deployment, context, token), cancellationToken, () => PromptOf(request));
    }

    public Task<CompletionResponse> CompleteTextAsync(CompletionRequest request, RequestContext context, CancellationToken cancellationToken)
    {
        context.MaxOutputTokens ??= request.MaxTokens;
        CapturePrompt(context, request.GetPromptText);
        return RunAsync<ICompletionProvider, CompletionResponse>(JunctionTelemetry.Operations.TextCompletion, request.Model, context, cancellationToken,
            (provider, deployment, attempt) => provider.CompleteTextAsync(request, deployment, context, attempt.Token), r => CaptureAnswer(context, r.Usage, r.Choices.Count > 0 ? r.Choices[0].Text : null), r => r.Model);
    }

    public Task<RoutedStream<CompletionResponse>> StreamTextAsync(CompletionRequest request, RequestContext context, CancellationToken cancellationToken)
    {
        context.MaxOutputTokens ??= request.MaxTokens;
        CapturePrompt(context, request.GetPromptText);
        return OpenStreamAsync<ICompletionProvider, CompletionResponse>(JunctionTelemetry.Operations.TextCompletion, request.Model, context, request.StreamOptions?.IncludeUsage == true, CompletionStreamUsage.Instance,
            (provider, deployment, token) => provider.StreamTextAsync(request, deployment, context, token), cancellationToken, request.GetPromptText);
    }

    public Task<EmbeddingResponse> EmbedAsync(EmbeddingRequest request, RequestContext context, CancellationToken cancellationToken)
    {
        context.MaxOutputTokens ??= 0;
        return RunAsync<IEmbeddingProvider, EmbeddingResponse>(JunctionTelemetry.Operations.Embeddings, request.Model, context, cancellationToken,
            (provider, deployment, attempt) => provider.EmbedAsync(request, deployment, context, attempt.Token),
            r => r.Usage is { } u ? new Usage { PromptTokens = u.PromptTokens, TotalTokens = u.TotalTokens } : null, r => r.Model);
    }

    /// <summary>Keeps the prompt as text when content capture is on (<c>logging.store_content</c>).</summary>
    private void CapturePrompt(RequestContext context, Func<string> prompt)
    {
        if (_hooks.CaptureContent)
        {
            context.PromptText ??= prompt();
        }
    }

    private Usage? CaptureAnswer(RequestContext context, Usage? usage, string? answer)
    {
        if (_hooks.CaptureContent)
        {
            context.CompletionText = answer;
        }

        return usage;
    }

    /// <summary>The text of a chat request's messages, one per line, for token estimates and stored content.</summary>
    internal static string PromptOf(ChatCompletionRequest request)
    {
        var text = new System.Text.StringBuilder();
        foreach (var message in request.Messages ?? [])
        {
            if (text.Length > 0)
            {
                text.Append('\n');
            }

            text.Append(message.Role).Append(": ").Append(message.Content?.GetText());
        }

        return text.ToString();
    }

    /// <summary>The model a chat request is routed to: the one asked for, unless a rollout sends it to its new side.</summary>
    private string? ChatModel(ChatCompletionRequest request, RequestContext context)
    {
        if (request.Model is { Length: > 0 } model && ChatRedirect?.Redirect(model, request, context) is { } target)
        {
            context.Model = model;
            return target;
        }

        return request.Model;
    }

    /// <summary>
    /// A provider-specific call (e.g. the Bedrock-native passthrough) under the model's routing policy: only deployments
    /// whose provider is a <typeparamref name="TProvider"/> take part; strategy, retries, cooldown and fallbacks apply.
    /// </summary>
    internal Task<TResult> CallProviderAsync<TProvider, TResult>(string model, RequestContext context,
        Func<TProvider, Deployment, CancellationToken, Task<TResult>> call, Func<TResult, Usage?> usage, CancellationToken cancellationToken)
        where TProvider : class, IProvider =>
        RunAsync<TProvider, TResult>(JunctionTelemetry.Operations.Chat, model, context, cancellationToken,
            (provider, deployment, attempt) => call(provider, deployment, attempt.Token), usage, static _ => null);

    /// <summary>A provider-specific stream, committed at its first item like chat streams; every item reaches the caller.</summary>
    internal Task<RoutedStream<TChunk>> OpenProviderStreamAsync<TProvider, TChunk>(string model, RequestContext context, StreamUsage<TChunk> usage,
        Func<TProvider, Deployment, CancellationToken, IAsyncEnumerable<TChunk>> open, CancellationToken cancellationToken)
        where TProvider : class, IProvider
        where TChunk : class =>
        OpenStreamAsync(JunctionTelemetry.Operations.Chat, model, context, true, usage, open, cancellationToken);

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
        string operation, string? model, RequestContext context, CancellationToken cancellationToken,
        Func<TProvider, Deployment, AttemptScope, Task<TResult>> call, Func<TResult, Usage?> usage, Func<TResult, string?> responseModel)
        where TProvider : class, IProvider
    {
        var tracker = new RequestTracker(context, operation, model, streamed: false, _hooks, _timeProvider, _logger);
        try
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

            tracker.SetResponseModel(responseModel(result));
            tracker.Complete(200, null);
            return result;
        }
        catch (Exception ex)
        {
            tracker.Fail(ex, cancellationToken);
            throw;
        }
    }

    public Task<ImageGenerationResponse> GenerateImageAsync(
        ImageGenerationRequest request, RequestContext context, CancellationToken cancellationToken) =>
        RunAsync<IImageProvider, ImageGenerationResponse>(JunctionTelemetry.Operations.ImageGeneration, request.Model, context, cancellationToken,
            (provider, deployment, attempt) => provider.GenerateImageAsync(request, deployment, context, attempt.Token),
            r =>
            {
                context.Media = new MediaUsage { Images = r.Data.Count > 0 ? r.Data.Count : request.N ?? 1, ImageSize = request.Size, ImageQuality = request.Quality };
                return null;
            }, static _ => null);

    public Task<TranscriptionResult> TranscribeAsync(
        TranscriptionRequest request, RequestContext context, CancellationToken cancellationToken) =>
        RunAsync<ITranscriptionProvider, TranscriptionResult>(JunctionTelemetry.Operations.AudioTranscription, request.Model, context, cancellationToken,
            (provider, deployment, attempt) => provider.TranscribeAsync(request, deployment, context, attempt.Token), r => MeasureAudio(request, r, context), static _ => null);

    public Task<TranscriptionResult> TranslateAsync(
        TranscriptionRequest request, RequestContext context, CancellationToken cancellationToken) =>
        RunAsync<ITranscriptionProvider, TranscriptionResult>(JunctionTelemetry.Operations.AudioTranslation, request.Model, context, cancellationToken,
            (provider, deployment, attempt) => provider.TranslateAsync(request, deployment, context, attempt.Token), r => MeasureAudio(request, r, context), static _ => null);

    private static Usage? MeasureAudio(TranscriptionRequest request, TranscriptionResult result, RequestContext context)
    {
        var (usage, media) = Pricing.AudioMeter.Measure(request, result);
        context.Media = media;
        return usage;
    }

    private async Task<RoutedStream<TChunk>> OpenStreamAsync<TProvider, TChunk>(
        string operation, string? model, RequestContext context, bool clientWantsUsage, StreamUsage<TChunk> usage,
        Func<TProvider, Deployment, CancellationToken, IAsyncEnumerable<TChunk>> open, CancellationToken cancellationToken, Func<string>? promptText = null)
        where TProvider : class, IProvider
        where TChunk : class
    {
        var tracker = new RequestTracker(context, operation, model, streamed: true, _hooks, _timeProvider, _logger) { PromptText = promptText };
        RequestDeadline? deadline = null;
        try
        {
            var table = Table;
            var group = Resolve(table, model, context);
            var policy = PolicyFor(group, context, table);
            if (context.Admission is { } admission)
            {
                await admission.AdmitAsync(context, group, cancellationToken).ConfigureAwait(false);
            }

            deadline = new RequestDeadline(policy.Timeout, _timeProvider, cancellationToken);
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

            tracker.SetResponseModel(usage.GetModel(opened.First));
            return new RoutedStream<TChunk>(opened.Enumerator, opened.First, usage, clientWantsUsage, context, deadline,
                opened.Deployment, opened.Attempt, _timeProvider, tracker);
        }
        catch (Exception ex)
        {
            deadline?.Dispose();
            tracker.Fail(ex, cancellationToken);
            throw;
        }
    }

    private sealed record OpenedStream<TChunk>(IAsyncEnumerator<TChunk> Enumerator, TChunk First, Deployment Deployment, AttemptScope Attempt);
}
