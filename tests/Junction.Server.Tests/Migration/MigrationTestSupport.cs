using System.Text.Json.Nodes;
using Junction.Server.Tests.Infrastructure;

namespace Junction.Server.Tests.Migration;

/// <summary>Chat calls and waits shared by the migration tests.</summary>
internal static class MigrationTestSupport
{
    public const string MasterKey = "sk-master-migration-test-0123456789";

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A chat request through the server with the master key; the body is read to the end.</summary>
    public static async Task<(int Status, string Body)> ChatAsync(JunctionTestServer server, string model, string text, string? user = null, bool stream = false)
    {
        var body = new JsonObject
        {
            ["model"] = model,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = text }),
        };
        if (user is not null)
        {
            body["user"] = user;
        }

        if (stream)
        {
            body["stream"] = true;
        }

        using var response = await server.PostJsonAsync("/v1/chat/completions", body.ToJsonString(), MasterKey, cancellationToken: Ct);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    public static async Task<JsonNode> GetJsonAsync(JunctionTestServer server, string path, string key = MasterKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new("Bearer", key);
        using var response = await server.Http.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!;
    }

    /// <summary>Runs the CLI in-process and returns its exit code and output.</summary>
    public static async Task<(int Exit, string Output, string Error)> CliAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await global::Junction.Cli.JunctionCli.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>
    /// Waits for work the server does after the client has its answer (counting a request on its rollout side, storing a
    /// shadow pair). Polls; fails after 10 s.
    /// </summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), "timed out waiting for " + what);
            await Task.Delay(10, Ct);
        }
    }
}
