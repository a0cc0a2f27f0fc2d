using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Junction.Server.Tests.Infrastructure;

namespace Junction.Server.Tests.Governance;

/// <summary>Admin API and chat calls against a test server, with a given key.</summary>
public static class GovernanceClient
{
    public static async Task<HttpResponseMessage> SendAsync(JunctionTestServer server, HttpMethod method, string path, string? key, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (key is not null)
        {
            request.Headers.Authorization = new("Bearer", key);
        }

        return await server.Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>Creates a key through the admin API; returns its id and its secret (shown once).</summary>
    public static async Task<(string Id, string Secret)> CreateKeyAsync(JunctionTestServer server, string adminKey, string json)
    {
        using var response = await SendAsync(server, HttpMethod.Post, "/admin/keys", adminKey, json);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, body);
        var node = JsonNode.Parse(body)!;
        return ((string)node["id"]!, (string)node["key"]!);
    }

    public static async Task<JsonNode> JsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;

    public static Task<HttpResponseMessage> ChatAsync(JunctionTestServer server, string key, string model = "demo", int? maxTokens = null) =>
        server.PostJsonAsync("/v1/chat/completions",
            JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["model"] = model,
                ["messages"] = new[] { new { role = "user", content = "hello" } },
                ["max_tokens"] = maxTokens,
            }), key, cancellationToken: TestContext.Current.CancellationToken);
}
