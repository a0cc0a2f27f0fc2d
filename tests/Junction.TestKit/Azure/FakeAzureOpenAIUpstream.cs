using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Junction.TestKit.Azure;

/// <summary>
/// A fake Azure OpenAI resource: a real Kestrel server on 127.0.0.1 with an ephemeral port, speaking Azure's wire format
/// on <c>/openai/deployments/{deployment}/{op}?api-version=</c> and <c>/openai/v1/{op}</c>. Every call is checked like
/// Azure checks it (key or bearer token → else 401; a known deployment → else 404 DeploymentNotFound; a well-formed
/// api-version → else 404) and recorded in <see cref="Calls"/>. Failures can be scripted with <see cref="Enqueue"/>.
/// </summary>
public sealed partial class FakeAzureOpenAIUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeAzureFailure> _failures = new();
    private readonly ConcurrentQueue<FakeAzureCall> _calls = new();
    private readonly ConcurrentDictionary<string, bool> _bearerTokens = new(StringComparer.Ordinal);
    private readonly HashSet<string> _deployments;

    private FakeAzureOpenAIUpstream(WebApplication app, string apiKey, IEnumerable<string> deployments)
    {
        _app = app;
        ApiKey = apiKey;
        _deployments = new HashSet<string>(deployments, StringComparer.Ordinal);
    }

    /// <summary>The resource endpoint to configure (<c>http://127.0.0.1:port</c>).</summary>
    public string Endpoint => _app.Urls.First();

    /// <summary>The key the fake accepts in the <c>api-key</c> header.</summary>
    public string ApiKey { get; }

    /// <summary>Every call received, in order.</summary>
    public IReadOnlyList<FakeAzureCall> Calls => [.. _calls];

    public static async Task<FakeAzureOpenAIUpstream> StartAsync(string apiKey, params string[] deployments)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeAzureOpenAIUpstream(app, apiKey, deployments);
        app.Map("/{**path}", (RequestDelegate)fake.HandleAsync);
        await app.StartAsync();
        return fake;
    }

    /// <summary>Also accept <c>Authorization: Bearer {token}</c> (Entra or static token auth).</summary>
    public void AcceptBearer(string token) => _bearerTokens[token] = true;

    /// <summary>The next call (after its checks pass) is answered with <paramref name="failure"/>.</summary>
    public void Enqueue(FakeAzureFailure failure) => _failures.Enqueue(failure);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        var path = request.Path.Value ?? "";
        var version = request.Query.TryGetValue("api-version", out var v) ? v.ToString() : null;
        var headers = request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal);

        if (!Authorized(request))
        {
            await ErrorAsync(http, 401, """{"error":{"code":"401","message":"Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource."}}""");
            return;
        }

        string? deployment = null;
        string operation;
        var dated = DatedPath().Match(path);
        if (dated.Success)
        {
            deployment = Uri.UnescapeDataString(dated.Groups["deployment"].Value);
            operation = dated.Groups["op"].Value;
            if (version is null || !DatedVersion().IsMatch(version))
            {
                await ErrorAsync(http, 404, """{"error":{"code":"404","message":"Resource not found"}}""");
                return;
            }
        }
        else if (path.StartsWith("/openai/v1/", StringComparison.Ordinal))
        {
            operation = path["/openai/v1/".Length..];
            if (version is not (null or "v1" or "preview"))
            {
                await ErrorAsync(http, 400, """{"error":{"code":"BadRequest","message":"API version not supported"}}""");
                return;
            }
        }
        else
        {
            await ErrorAsync(http, 404, """{"error":{"code":"404","message":"Resource not found"}}""");
            return;
        }

        string? body = null;
        JsonDocument? json = null;
        var fields = new List<KeyValuePair<string, string>>();
        IFormFile? file = null;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(http.RequestAborted);
            foreach (var (name, values) in form)
            {
                foreach (var value in values)
                {
                    fields.Add(new(name, value ?? ""));
                }
            }

            file = form.Files.GetFile("file");
            deployment ??= form.TryGetValue("model", out var m) ? m.ToString() : null;
        }
        else
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            body = await reader.ReadToEndAsync(http.RequestAborted);
            json = JsonDocument.Parse(body);
            deployment ??= json.RootElement.TryGetProperty("model", out var m) ? m.GetString() : null;
        }

        using var _ = json;
        _calls.Enqueue(new FakeAzureCall(request.Method, path, version, headers, body, fields, file?.Length, file?.FileName) { Deployment = deployment });

        if (deployment is null || !_deployments.Contains(deployment))
        {
            await ErrorAsync(http, 404, """{"error":{"code":"DeploymentNotFound","message":"The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again."}}""");
            return;
        }

        if (_failures.TryDequeue(out var failure))
        {
            foreach (var (name, value) in failure.Headers)
            {
                http.Response.Headers[name] = value;
            }

            await ErrorAsync(http, failure.Status, failure.Body);
            return;
        }

        await AnswerAsync(http, operation, deployment, json, fields, file);
    }

    private static async Task AnswerAsync(HttpContext http, string operation, string deployment, JsonDocument? json,
        List<KeyValuePair<string, string>> fields, IFormFile? file)
    {
        http.Response.Headers["apim-request-id"] = "apim-" + Guid.NewGuid().ToString("N");
        switch (operation)
        {
            case "chat/completions" when json!.RootElement.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True:
                http.Response.ContentType = "text/event-stream";
                foreach (var data in FakeAzureBodies.ChatStream(json, deployment))
                {
                    await http.Response.WriteAsync("data: " + data + "\n\n", http.RequestAborted);
                    await http.Response.Body.FlushAsync(http.RequestAborted);
                }

                await http.Response.WriteAsync("data: [DONE]\n\n", http.RequestAborted);
                return;
            case "chat/completions":
                await JsonAsync(http, FakeAzureBodies.Chat(json!, deployment));
                return;
            case "completions":
                await JsonAsync(http, FakeAzureBodies.Completion(deployment));
                return;
            case "embeddings":
                await JsonAsync(http, FakeAzureBodies.Embeddings(json!));
                return;
            case "images/generations":
                await JsonAsync(http, FakeAzureBodies.Image(json!));
                return;
            case "audio/transcriptions" or "audio/translations" when file is not null:
                var format = fields.FirstOrDefault(f => f.Key == "response_format").Value ?? "json";
                var (contentType, text) = FakeAzureBodies.Transcript(format, file.FileName, file.Length, operation.EndsWith("translations", StringComparison.Ordinal));
                http.Response.ContentType = contentType;
                await http.Response.WriteAsync(text, http.RequestAborted);
                return;
            default:
                await ErrorAsync(http, 404, """{"error":{"code":"404","message":"Resource not found"}}""");
                return;
        }
    }

    private bool Authorized(HttpRequest request)
    {
        if (request.Headers.TryGetValue("api-key", out var key))
        {
            return key.ToString() == ApiKey;
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.Ordinal) && _bearerTokens.ContainsKey(authorization[7..]);
    }

    private static Task JsonAsync(HttpContext http, string json)
    {
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(json, http.RequestAborted);
    }

    private static Task ErrorAsync(HttpContext http, int status, string json)
    {
        http.Response.StatusCode = status;
        return JsonAsync(http, json);
    }

    [GeneratedRegex("^/openai/deployments/(?<deployment>[^/]+)/(?<op>.+)$")]
    private static partial Regex DatedPath();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(-preview)?$")]
    private static partial Regex DatedVersion();
}
