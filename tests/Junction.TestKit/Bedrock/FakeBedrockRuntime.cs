using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Junction.TestKit.Bedrock;

/// <summary>
/// A fake Bedrock Runtime: real Kestrel on 127.0.0.1 (random port) that checks every request's SigV4 signature for
/// real (or a configured Bedrock API key as bearer) and answers <c>POST /model/{modelId}/{converse | converse-stream |
/// invoke | invoke-with-response-stream}</c> in Bedrock's formats: JSON, and event-stream frames for the streams.
/// Errors come in Bedrock's shape (<c>x-amzn-ErrorType</c> + <c>{"message"}</c>); every answer has <c>x-amzn-RequestId</c>.
/// </summary>
public sealed class FakeBedrockRuntime : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly FakeBedrockOptions _options;
    private readonly ConcurrentQueue<FakeBedrockBehavior> _script = new();
    private readonly ConcurrentQueue<FakeBedrockRequest> _requests = new();
    private int _counter;
    private int _rejected;

    private FakeBedrockRuntime(WebApplication app, FakeBedrockOptions options)
    {
        _app = app;
        _options = options;
    }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;</c>: the value for a deployment's <c>endpoint</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    public FakeBedrockOptions Options => _options;

    /// <summary>Accepted requests (those that passed authentication), oldest first.</summary>
    public IReadOnlyList<FakeBedrockRequest> Requests => [.. _requests];

    /// <summary>How many requests were refused for a bad signature or key.</summary>
    public int RejectedCount => Volatile.Read(ref _rejected);

    public static async Task<FakeBedrockRuntime> StartAsync(FakeBedrockOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FakeBedrockOptions();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        var app = builder.Build();
        var fake = new FakeBedrockRuntime(app, options);
        app.Run(fake.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.Endpoint = new Uri($"http://127.0.0.1:{new Uri(address).Port}");
        return fake;
    }

    /// <summary>Queues answers; each accepted request takes the next one, then the default (success) applies.</summary>
    public void Enqueue(params FakeBedrockBehavior[] behaviors)
    {
        ArgumentNullException.ThrowIfNull(behaviors);
        foreach (var behavior in behaviors)
        {
            _script.Enqueue(behavior);
        }
    }

    public async ValueTask DisposeAsync()
    {
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(timeout.Token);
        }

        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var requestId = $"fake-req-{Interlocked.Increment(ref _counter):D4}";
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();

        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "";
        var segments = rawTarget.Split('?')[0].Split('/');
        if (context.Request.Method != "POST" || segments.Length != 4 || segments[1] != "model")
        {
            await ErrorAsync(context, 404, "UnknownOperationException", "Unknown operation.");
            return;
        }

        var (scheme, failure) = Authenticate(context, body);
        if (failure is { } refused)
        {
            Interlocked.Increment(ref _rejected);
            await ErrorAsync(context, 403, refused.Type, refused.Message);
            return;
        }

        var modelId = Uri.UnescapeDataString(segments[2]);
        var operation = segments[3];
        _requests.Enqueue(new FakeBedrockRequest(rawTarget, modelId, operation, scheme,
            context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()), body));

        _script.TryDequeue(out var behavior);
        if (behavior is { Status: >= 300 })
        {
            foreach (var (name, value) in behavior.Headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers[name] = value;
            }

            await ErrorAsync(context, behavior.Status, behavior.ErrorType ?? "InternalServerException", behavior.Message);
            return;
        }

        JsonNode request;
        try
        {
            request = JsonNode.Parse(body) ?? new JsonObject();
        }
        catch (System.Text.Json.JsonException)
        {
            await ErrorAsync(context, 400, "ValidationException", "Malformed input request, please reformat your input and try again.");
            return;
        }

        switch (operation)
        {
            case "converse":
                await JsonAsync(context, FakeBedrockResponder.Converse(request));
                break;
            case "converse-stream":
                await StreamAsync(context, FakeBedrockResponder.ConverseStream(request, behavior));
                break;
            case "invoke" when FakeBedrockResponder.Invoke(modelId, request) is { } answer:
                context.Response.Headers["X-Amzn-Bedrock-Input-Token-Count"] = answer.InputTokens.ToString(System.Globalization.CultureInfo.InvariantCulture);
                context.Response.Headers["X-Amzn-Bedrock-Output-Token-Count"] = answer.OutputTokens.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await JsonAsync(context, answer.Body);
                break;
            case "invoke-with-response-stream" when FakeBedrockResponder.Invoke(modelId, request) is { } answer:
                context.Response.Headers["X-Amzn-Bedrock-Content-Type"] = "application/json";
                var half = answer.Body.ToJsonString();
                await StreamAsync(context,
                [
                    ChunkFrame("""{"type":"message_start"}"""),
                    ChunkFrame(half),
                    ChunkFrame("""{"type":"message_stop"}"""),
                ]);
                break;
            case "invoke" or "invoke-with-response-stream":
                await ErrorAsync(context, 400, "ValidationException", "The provided model identifier is invalid.");
                break;
            default:
                await ErrorAsync(context, 404, "UnknownOperationException", "Unknown operation.");
                break;
        }
    }

    /// <summary>The auth scheme used, or the AWS error to refuse the request with (403).</summary>
    private (string Scheme, (string Type, string Message)? Failure) Authenticate(HttpContext context, byte[] body)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return _options.ApiKey is { } key && authorization[7..] == key
                ? ("bearer", null)
                : ("bearer", ("UnrecognizedClientException", "The security token included in the request is invalid."));
        }

        var now = (_options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        return ("sigv4", FakeSigV4Verifier.Verify(context, body, _options, now));
    }

    private static byte[] ChunkFrame(string json) =>
        FakeEventStreamEncoder.Event("chunk", new JsonObject { ["bytes"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(json)) }.ToJsonString());

    private static async Task JsonAsync(HttpContext context, JsonObject body)
    {
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    private static async Task StreamAsync(HttpContext context, List<byte[]> frames)
    {
        context.Response.ContentType = "application/vnd.amazon.eventstream";
        foreach (var frame in frames)
        {
            await context.Response.Body.WriteAsync(frame, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }

    private static Task ErrorAsync(HttpContext context, int status, string type, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers["x-amzn-ErrorType"] = type + ":http://internal.amazon.com/coral/com.amazon.bedrock/";
        return context.Response.WriteAsync(new JsonObject { ["message"] = message }.ToJsonString(), context.RequestAborted);
    }
}
