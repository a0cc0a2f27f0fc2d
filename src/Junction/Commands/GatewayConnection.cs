using System.CommandLine;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Junction.Cli.Commands;

/// <summary>
/// How admin commands reach a running gateway: <c>--url</c> and <c>--key</c>, defaulting to the config file's
/// <c>server.host</c>/<c>port</c> and <c>auth.master_key</c> (or <c>JUNCTION_URL</c> / <c>JUNCTION_MASTER_KEY</c>).
/// Commands go through the admin API so every instance and the audit log see them.
/// </summary>
internal sealed class GatewayConnection
{
    public GatewayConnection()
    {
        Config = ConfigFileLoader.CreateOption();
        Url = new Option<string?>("--url") { Description = "The gateway's base URL (default: from the config file, else JUNCTION_URL, else http://127.0.0.1:4000)." };
        Key = new Option<string?>("--key") { Description = "An admin key (default: the config's master key, else JUNCTION_MASTER_KEY)." };
    }

    public Option<string> Config { get; }
    public Option<string?> Url { get; }
    public Option<string?> Key { get; }

    public void AddTo(Command command)
    {
        command.Options.Add(Config);
        command.Options.Add(Url);
        command.Options.Add(Key);
    }

    /// <summary>Sends a request to the admin API and returns the JSON answer, or writes the error and returns null.</summary>
    public async Task<JsonDocument?> SendAsync(ParseResult parse, HttpMethod method, string pathAndQuery, CancellationToken cancellationToken)
    {
        var (baseUrl, key) = Resolve(parse);
        using var handler = new SocketsHttpHandler { UseProxy = false };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(method, pathAndQuery);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            parse.InvocationConfiguration.Error.WriteLine($"junction: could not reach the gateway at {baseUrl}: {ex.Message}");
            return null;
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var message = TryMessage(text) ?? text;
                parse.InvocationConfiguration.Error.WriteLine($"junction: the gateway answered {(int)response.StatusCode}: {message}");
                return null;
            }

            return JsonDocument.Parse(text);
        }
    }

    private (string BaseUrl, string? Key) Resolve(ParseResult parse)
    {
        var url = parse.GetValue(Url);
        var key = parse.GetValue(Key);
        var configPath = parse.GetValue(Config)!;
        if ((url is null || key is null) && File.Exists(configPath))
        {
            var result = Configuration.JunctionConfigLoader.LoadFile(configPath);
            if (result.Options is { } options)
            {
                var host = options.Server.Host is "0.0.0.0" or "::" or "[::]" ? "127.0.0.1" : options.Server.Host;
                url ??= $"http://{(host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]" : host)}:{options.Server.Port}";
                key ??= options.Auth.MasterKey;
            }
        }

        url ??= Environment.GetEnvironmentVariable("JUNCTION_URL") ?? "http://127.0.0.1:4000";
        key ??= Environment.GetEnvironmentVariable("JUNCTION_MASTER_KEY");
        return (url, string.IsNullOrEmpty(key) ? null : key);
    }

    private static string? TryMessage(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.TryGetProperty("error", out var error) && error.TryGetProperty("message", out var message) ? message.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
