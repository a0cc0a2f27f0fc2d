using System.ClientModel;
using Junction.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenAI;

namespace Junction.Server.Tests.Infrastructure;

/// <summary>A real Junction server on 127.0.0.1 with an ephemeral port, built from YAML exactly as <c>junction serve</c> does.</summary>
public sealed class JunctionTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private JunctionTestServer(WebApplication app, CapturingLoggerProvider logs, JunctionOptions options)
    {
        _app = app;
        Logs = logs;
        Options = options;
        BaseUrl = new Uri(app.Urls.First());
        Http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseUrl { get; }

    /// <summary>The OpenAI SDK's base URL for this server (<c>.../v1</c>).</summary>
    public Uri V1 => new(BaseUrl, "/v1");

    public HttpClient Http { get; }

    public CapturingLoggerProvider Logs { get; }

    public JunctionOptions Options { get; }

    public JunctionRuntime Runtime => _app.Services.GetRequiredService<JunctionRuntime>();

    public IServiceProvider Services => _app.Services;

    /// <summary>A request with the given key as a bearer token.</summary>
    public async Task<HttpResponseMessage> PostJsonAsync(string path, string json, string? key = null, IDictionary<string, string>? headers = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Authorization = new("Bearer", key);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <param name="yaml">The config (ignored when <paramref name="configPath"/> is given).</param>
    /// <param name="environment">Variables for <c>${VAR}</c> expansion.</param>
    /// <param name="azureCredential">An offline Entra credential for <c>auth: entra</c> azure deployments.</param>
    /// <param name="timeProvider">A clock to use instead of the system clock.</param>
    /// <param name="configPath">A config file to load and watch.</param>
    /// <param name="configure">Adjusts the host before it is built.</param>
    /// <param name="logFormat">The console log format, <c>text</c> or <c>json</c> (<c>--log-format</c>).</param>
    public static async Task<JunctionTestServer> StartAsync(string yaml, IReadOnlyDictionary<string, string>? environment = null,
        Func<global::Azure.Core.TokenCredential>? azureCredential = null, TimeProvider? timeProvider = null, string? configPath = null,
        Action<WebApplicationBuilder>? configure = null, string logFormat = "text")
    {
        var result = configPath is null
            ? JunctionConfigLoader.LoadText(yaml, "test.yaml", name => environment is not null && environment.TryGetValue(name, out var v) ? v : null)
            : JunctionConfigLoader.LoadFile(configPath, name => environment is not null && environment.TryGetValue(name, out var v) ? v : null);
        Assert.True(result.IsValid, "test config invalid: " + string.Join("; ", result.Errors));
        var options = result.Options!;
        options.Server.Host = "127.0.0.1";
        options.Server.Port = 0;
        if (!yaml.Contains("storage:", StringComparison.Ordinal))
        {
            // Tests that do not ask for governance storage must not create junction.db in the working folder.
            options.Storage.Provider = StorageProviderNames.Off;
        }
        var logs = new CapturingLoggerProvider();
        var app = JunctionServer.BuildApp(options, new JunctionServerSettings
        {
            MinimumLogLevel = LogLevel.Debug,
            LogFormat = logFormat,
            ConfigPath = configPath,
            ConfigureBuilder = b =>
            {
                b.Logging.AddProvider(logs);
                if (timeProvider is not null)
                {
                    b.Services.AddSingleton(timeProvider);
                }

                configure?.Invoke(b);
            },
            AzureCredentialFactory = azureCredential,
        });
        await app.StartAsync();
        return new JunctionTestServer(app, logs, options);
    }

    /// <summary>The official OpenAI .NET SDK pointed at this server.</summary>
    public OpenAIClient OpenAI(string key = "unused-key") =>
        new(new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = V1, NetworkTimeout = TimeSpan.FromSeconds(30), RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(maxRetries: 0) });

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
