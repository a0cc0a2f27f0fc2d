using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Junction.TestKit.OpenAI;

/// <summary>
/// A real HTTP server on 127.0.0.1 (Kestrel, random port) that speaks OpenAI's wire format: chat completions
/// (JSON and SSE), legacy completions, embeddings and models. Every request is recorded (unless turned off) and
/// can be made to fail with a queued <see cref="FakeBehavior"/>. Logs nothing.
/// </summary>
public sealed class FakeOpenAIUpstream : IAsyncDisposable
{
    private const string GarbageBody =
        "<html>\r\n<head><title>Bad Gateway</title></head>\r\n<body>\r\n<center><h1>Bad Gateway</h1></center>\r\n"
        + "<hr><center>fake-upstream</center>\r\n</body>\r\n</html>\r\n";

    private static readonly FakeBehavior ServerError = FakeBehavior.Error(
        FakeApiError.ServerError.Status, FakeApiError.ServerError.Type, FakeApiError.ServerError.Code, FakeApiError.ServerError.Message);

    private readonly WebApplication _app;
    private readonly FakeOpenAIOptions _options;
    private readonly FakeRequestLog _log = new();
    private readonly ConcurrentQueue<FakeBehavior> _script = new();
    private readonly CancellationTokenSource _stopping = new();
    private int _disposed;

    private FakeOpenAIUpstream(WebApplication app, FakeOpenAIOptions options)
    {
        _app = app;
        _options = options;
    }

    /// <summary>The API root, <c>http://127.0.0.1:&lt;port&gt;/v1</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public int Port { get; private set; }

    public FakeOpenAIOptions Options => _options;

    /// <summary>A snapshot of the requests received so far, oldest first (empty when recording is off).</summary>
    public IReadOnlyList<RecordedRequest> Requests => _log.Snapshot();

    /// <summary>How many requests reached the fake, recorded or not.</summary>
    public int RequestCount => _log.RequestCount;

    /// <summary>How many in-flight requests the client aborted (the fake's own resets do not count).</summary>
    public int AbortedCount => _log.AbortedCount;

    /// <summary>Behaviors queued and not yet consumed.</summary>
    public int QueuedBehaviorCount => _script.Count;

    public static async Task<FakeOpenAIUpstream> StartAsync(FakeOpenAIOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FakeOpenAIOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.StreamChunkDelayMs);
        if (options.FailureRate is < 0 or > 1 or double.NaN)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.FailureRate, "FailureRate must be between 0 and 1.");
        }

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0);
        });

        WebApplication app = builder.Build();
        var fake = new FakeOpenAIUpstream(app, options);
        app.Run(fake.HandleAsync);
        await app.StartAsync(cancellationToken);

        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.Port = new Uri(address).Port;
        fake.BaseUrl = new Uri($"http://127.0.0.1:{fake.Port}/v1");
        return fake;
    }

    /// <summary>Queues behaviors; each request (any endpoint) consumes the next one, then the default (success) applies.</summary>
    public void Enqueue(params FakeBehavior[] behaviors)
    {
        ArgumentNullException.ThrowIfNull(behaviors);
        foreach (FakeBehavior behavior in behaviors)
        {
            ArgumentNullException.ThrowIfNull(behavior);
            _script.Enqueue(behavior);
        }
    }

    /// <summary>The next recorded request not yet returned by this method; throws <see cref="TimeoutException"/>.</summary>
    public Task<RecordedRequest> NextRequestAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        _log.NextAsync(timeout, cancellationToken);

    /// <summary>Completes once at least one client abort has been seen (since start); throws <see cref="TimeoutException"/>.</summary>
    public Task WaitForAbortAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        _log.WaitForAbortsAsync(1, timeout, cancellationToken);

    /// <summary>Completes once <see cref="AbortedCount"/> reaches <paramref name="count"/>; throws <see cref="TimeoutException"/>.</summary>
    public Task WaitForAbortsAsync(int count, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        _log.WaitForAbortsAsync(count, timeout, cancellationToken);

    /// <summary>Forgets recorded requests (counters stay).</summary>
    public void ClearRequests() => _log.Clear();

    /// <summary>The vector the fake returns for a text input (same bytes as its <c>/v1/embeddings</c> answer).</summary>
    public static float[] ExpectedEmbedding(string input, int dimensions = FakeEmbeddingResponder.DefaultDimensions)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        var vector = new float[dimensions];
        FakeEmbeddingVector.ForText(input, vector);
        return vector;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(timeout.Token);
        }

        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        long start = Stopwatch.GetTimestamp();
        _log.CountRequest();
        using FakeRequestBody body = await FakeRequestBody.ReadAsync(context.Request, context.RequestAborted);
        RecordedRequest? recorded = _options.RecordRequests ? Record(context.Request, body.Memory) : null;
        var exchange = new FakeExchange(context, _options, _log, recorded, start, _stopping.Token);
        using CancellationTokenRegistration registration =
            context.RequestAborted.UnsafeRegister(static state => ((FakeExchange)state!).OnRequestAborted(), exchange);
        try
        {
            await DispatchAsync(exchange, body.Memory);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException
            && (context.RequestAborted.IsCancellationRequested || _stopping.IsCancellationRequested))
        {
            if (!context.Response.HasStarted)
            {
                context.Abort();
            }
        }
    }

    private async Task DispatchAsync(FakeExchange exchange, ReadOnlyMemory<byte> body)
    {
        if (_options.ExpectedApiKey is { } key && !HasApiKey(exchange.Context.Request, key))
        {
            await exchange.SendErrorAsync(FakeApiError.InvalidApiKey);
            return;
        }

        FakeBehavior behavior = _script.TryDequeue(out FakeBehavior? next) ? next : Unscripted();
        exchange.Behavior = behavior;
        switch (behavior.Kind)
        {
            case FakeBehaviorKind.Error:
                await exchange.SendErrorAsync(
                    new FakeApiError(behavior.Status, behavior.ErrorType, behavior.ErrorCode, behavior.Message, behavior.ErrorParam),
                    behavior.Headers);
                return;
            case FakeBehaviorKind.RawError:
                await exchange.SendRawAsync(behavior.Status, behavior.ContentType, behavior.Message);
                return;
            case FakeBehaviorKind.Garbage:
                await exchange.SendRawAsync(behavior.Status, "text/html; charset=utf-8", GarbageBody);
                return;
            case FakeBehaviorKind.Hang:
                await exchange.PauseAsync(Timeout.InfiniteTimeSpan);
                return;
            case FakeBehaviorKind.ResetBeforeResponse:
                exchange.Abort();
                return;
            case FakeBehaviorKind.Delay:
                await exchange.PauseAsync(behavior.Wait);
                break;
        }

        await RouteAsync(exchange, body);
    }

    private FakeBehavior Unscripted() =>
        _options.FailureRate > 0 && Random.Shared.NextDouble() < _options.FailureRate
            ? _options.FailureBehavior ?? ServerError
            : FakeBehavior.Succeed();

    private static Task RouteAsync(FakeExchange exchange, ReadOnlyMemory<byte> body)
    {
        HttpRequest request = exchange.Context.Request;
        string path = request.Path.Value ?? "";
        if (HttpMethods.IsPost(request.Method))
        {
            switch (path)
            {
                case "/v1/chat/completions":
                    return FakeChatResponder.RespondAsync(exchange, body);
                case "/v1/completions":
                    return FakeCompletionResponder.RespondAsync(exchange, body);
                case "/v1/embeddings":
                    return FakeEmbeddingResponder.RespondAsync(exchange, body);
            }
        }
        else if (HttpMethods.IsGet(request.Method))
        {
            if (path == "/v1/models")
            {
                return FakeModelsResponder.ListAsync(exchange);
            }

            const string modelPrefix = "/v1/models/";
            if (path.StartsWith(modelPrefix, StringComparison.Ordinal) && path.Length > modelPrefix.Length)
            {
                return FakeModelsResponder.GetAsync(exchange, path[modelPrefix.Length..]);
            }
        }

        return exchange.SendErrorAsync(FakeApiError.InvalidUrl(request.Method, path));
    }

    private static bool HasApiKey(HttpRequest request, string key)
    {
        string? authorization = request.Headers.Authorization;
        return authorization is not null
            && authorization.StartsWith("Bearer ", StringComparison.Ordinal)
            && authorization.AsSpan(7).SequenceEqual(key);
    }

    private RecordedRequest Record(HttpRequest request, ReadOnlyMemory<byte> body)
    {
        var headers = new Dictionary<string, StringValues>(request.Headers.Count, StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, StringValues> header in request.Headers)
        {
            headers[header.Key] = header.Value;
        }

        var recorded = new RecordedRequest(request.Method, request.Path.Value + request.QueryString.Value, headers, body.ToArray());
        _log.Add(recorded);
        return recorded;
    }
}
