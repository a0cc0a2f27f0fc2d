using System.Diagnostics;
using Junction.Configuration;
using Junction.Protocol.OpenAI;
using Junction.Resilience;
using Junction.Routing;
using Junction.Streaming;
using Microsoft.Extensions.Logging;

namespace Junction.Migration;

/// <summary>
/// Mirrors a sample of a model's finished chat requests to its shadow target, off the client's path: a mirrored call
/// starts only after the primary answer has been handed off, runs on its own concurrency budget (over
/// <c>max_in_flight</c> it is skipped and counted, never queued), is cancelled on shutdown, and can never affect the
/// primary. Streamed requests are shadowed as streams, consumed and assembled. Each pair is compared and stored.
/// </summary>
public sealed partial class ShadowRunner : IAsyncDisposable
{
    private readonly string _model;
    private readonly ShadowOptions _options;
    private readonly HashSet<string> _compare;
    private readonly JunctionRouter _router;
    private readonly ShadowComparer _comparer;
    private readonly IShadowStore _store;
    private readonly IRandomSource _random;
    private readonly TimeProvider _timeProvider;
    private readonly Func<Deployment?, Usage?, decimal?>? _cost;
    private readonly bool _storeContent;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly List<Task> _running = [];
    private long _mirrored;
    private long _skipped;
    private long _failed;

    public ShadowRunner(string model, ShadowOptions options, JunctionRouter router, ShadowComparer comparer, IShadowStore store,
        IRandomSource random, TimeProvider timeProvider, Func<Deployment?, Usage?, decimal?>? cost, bool storeContent, ILogger logger)
    {
        _model = model;
        _options = options;
        _compare = [.. options.Compare];
        _router = router;
        _comparer = comparer;
        _store = store;
        _random = random;
        _timeProvider = timeProvider;
        _cost = cost;
        _storeContent = storeContent;
        _logger = logger;
        _slots = new SemaphoreSlim(options.MaxInFlight, options.MaxInFlight);
    }

    public string Target => _options.Target;

    /// <summary>Requests mirrored, skipped (over <c>max_in_flight</c>), and shadow pairs that could not be stored.</summary>
    public (long Mirrored, long Skipped, long Failed) Counts =>
        (Interlocked.Read(ref _mirrored), Interlocked.Read(ref _skipped), Interlocked.Read(ref _failed));

    /// <summary>Mirrors the exchange when it falls in the sample; returns whether a shadow call was started.</summary>
    public bool Mirror(ChatExchange exchange)
    {
        if (_shutdown.IsCancellationRequested || !(_options.Sample >= 1 || _random.NextDouble() < _options.Sample))
        {
            return false;
        }

        if (!_slots.Wait(0))
        {
            Interlocked.Increment(ref _skipped);
            return false;
        }

        Interlocked.Increment(ref _mirrored);
        var task = Task.Run(() => RunAsync(exchange));
        lock (_running)
        {
            _running.RemoveAll(t => t.IsCompleted);
            _running.Add(task);
        }

        return true;
    }

    private async Task RunAsync(ChatExchange exchange)
    {
        try
        {
            var shadow = await CallAsync(exchange, _shutdown.Token).ConfigureAwait(false);
            var primary = Outcome(exchange);
            var comparisons = _comparer.Compare(exchange.Request, primary, shadow, _compare);
            var pair = new ShadowPair(exchange.Context.RequestId, _timeProvider.GetUtcNow(), _model, _options.Target,
                Strip(primary), Strip(shadow), comparisons);
            await _store.AddAsync(pair, _shutdown.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
        {
            // Shutting down: shadow work is dropped, never waited for by clients.
        }
        catch (Exception ex)
        {
            Interlocked.Increment(ref _failed);
            Log.ShadowFailed(_logger, ex, exchange.Context.RequestId, _options.Target);
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task<ShadowOutcome> CallAsync(ChatExchange exchange, CancellationToken cancellationToken)
    {
        var request = exchange.Request.ShallowCopy();
        request.Model = _options.Target;
        var context = new RequestContext(exchange.Context.RequestId + ".shadow");
        var start = Stopwatch.GetTimestamp();
        try
        {
            if (request.Stream == true)
            {
                var assembler = new ChatStreamAssembler();
                TimeSpan? ttft = null;
                var stream = await _router.StreamChatAsync(request, context, cancellationToken).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    await foreach (var chunk in stream.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                    {
                        ttft ??= Stopwatch.GetElapsedTime(start);
                        assembler.Add(chunk);
                    }
                }

                var assembled = assembler.ToResponse();
                assembled.Usage ??= context.Usage;
                return ShadowOutcome.FromResponse(assembled, Stopwatch.GetElapsedTime(start), ttft, context.ServedBy?.Id, _cost?.Invoke(context.ServedBy, context.Usage));
            }

            var response = await _router.CompleteChatAsync(request, context, cancellationToken).ConfigureAwait(false);
            return ShadowOutcome.FromResponse(response, Stopwatch.GetElapsedTime(start), null, context.ServedBy?.Id, _cost?.Invoke(context.ServedBy, response.Usage));
        }
        catch (JunctionException ex)
        {
            return new ShadowOutcome { Status = ex.Error.Status, ErrorKind = ex.Error.Kind.ToString(), Latency = Stopwatch.GetElapsedTime(start) };
        }
    }

    private ShadowOutcome Outcome(ChatExchange exchange) =>
        exchange.Response is { } response
            ? ShadowOutcome.FromResponse(response, exchange.Latency, exchange.TimeToFirstToken, exchange.Context.ServedBy?.Id,
                _cost?.Invoke(exchange.Context.ServedBy, exchange.Context.Usage ?? response.Usage))
            : new ShadowOutcome { Status = exchange.Status, ErrorKind = exchange.Error?.Kind.ToString(), Latency = exchange.Latency };

    /// <summary>Prompts and outputs are kept only with <c>logging.store_content</c>; comparisons are computed before this.</summary>
    private ShadowOutcome Strip(ShadowOutcome outcome) => _storeContent ? outcome : outcome with { Text = null, ToolCalls = null };

    /// <summary>Waits for shadow calls already running; used by tests and reports that need every pair stored.</summary>
    public async Task DrainAsync()
    {
        Task[] running;
        lock (_running)
        {
            running = [.. _running];
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _shutdown.CancelAsync().ConfigureAwait(false);
        await DrainAsync().ConfigureAwait(false);
        _shutdown.Dispose();
        _slots.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Shadow call for request {RequestId} to {Target} could not be completed", EventName = "ShadowFailed")]
        public static partial void ShadowFailed(ILogger logger, Exception exception, string requestId, string target);
    }
}
