using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Junction.Server.Tests.Infrastructure;
using static Junction.Server.Tests.Governance.GovernanceClient;

namespace Junction.Server.Tests.Governance;

/// <summary>Two Junction instances sharing a real PostgreSQL database and a real redis-server.</summary>
public sealed class MultiInstanceTests(TestDatabaseServers servers) : IAsyncLifetime
{
    private const string MasterKey = "sk-master-multi-instance-0123456789";
    private JunctionTestServer _a = null!;
    private JunctionTestServer _b = null!;

    public async ValueTask InitializeAsync()
    {
        var postgres = await (await servers.PostgresAsync()).CreateDatabaseAsync();
        var redis = await servers.RedisAsync();
        var yaml = $$"""
            auth: { master_key: {{MasterKey}} }
            storage: { provider: postgres, connection: "{{postgres}}" }
            redis: { url: "{{redis.Url}}", key_prefix: "test-{{Guid.NewGuid():N}}:" }
            governance: { key_cache_ttl_s: 300 }
            models:
              - name: demo
                deployments:
                  - provider: mock
                    latency_ms: 50
                    input_cost_per_1m: 1000
                    output_cost_per_1m: 1000
            """;
        _a = await JunctionTestServer.StartAsync(yaml);
        _b = await JunctionTestServer.StartAsync(yaml);
    }

    public async ValueTask DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    [Fact]
    public async Task KeyRevokedOnOne_IsRefusedByTheOther_WithinASecond()
    {
        var (id, secret) = await CreateKeyAsync(_a, MasterKey, "{}");
        using (var cached = await ChatAsync(_b, secret))
        {
            Assert.Equal(HttpStatusCode.OK, cached.StatusCode); // B now has the key in its (300 s) cache
        }

        using (var revoke = await SendAsync(_a, HttpMethod.Post, $"/admin/keys/{id}/revoke", MasterKey))
        {
            Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        }

        var revokedAt = System.Diagnostics.Stopwatch.StartNew();
        HttpStatusCode status;
        do
        {
            using var response = await ChatAsync(_b, secret);
            status = response.StatusCode;
        }
        while (status != HttpStatusCode.Unauthorized && revokedAt.Elapsed < TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Rpm_IsSharedByBothInstances()
    {
        var (_, secret) = await CreateKeyAsync(_a, MasterKey, """{"rpm":4}""");
        foreach (var server in new[] { _a, _b, _a, _b })
        {
            using var ok = await ChatAsync(server, secret);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        foreach (var server in new[] { _a, _b })
        {
            using var limited = await ChatAsync(server, secret);
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
            Assert.Equal("0", limited.Headers.GetValues("x-ratelimit-remaining-requests").Single());
        }
    }

    [Fact]
    public async Task FiftyConcurrentRequests_OnANearlySpentBudget_OverrunByAtMostTheInFlightReservations()
    {
        var ct = TestContext.Current.CancellationToken;
        var (id, secret) = await CreateKeyAsync(_a, MasterKey, """{"budget_usd":100,"budget_period":"monthly"}""");
        using (var first = await ChatAsync(_a, secret, maxTokens: 30))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var spent = await SpendAsync(_b, id);
        Assert.True(spent > 0);
        var budget = spent + 0.001m; // nearly spent: less than one request's cost is left
        using (var patch = await SendAsync(_a, HttpMethod.Patch, $"/admin/keys/{id}", MasterKey, $$"""{"budget_usd":{{budget}}}"""))
        {
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        }

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => ChatAsync(i % 2 == 0 ? _a : _b, secret, maxTokens: 30)));
        var ok = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
        var refused = 0;
        foreach (var response in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
            Assert.Equal("budget_exceeded", (string)JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!["error"]!["code"]!);
            refused++;
        }

        // The reservation per request: (body bytes / 4 + max_tokens) tokens at $1000 per 1M tokens.
        var body = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["model"] = "demo", ["messages"] = new[] { new { role = "user", content = "hello" } }, ["max_tokens"] = 30,
        });
        var estimate = ((body.Length / 4) + 30) * 0.001m;
        var final = await SpendAsync(_a, id);
        Assert.Equal(50, ok + refused);
        Assert.InRange(ok, 1, 2);
        Assert.True(final - budget <= ok * estimate, $"spent {final} against a budget of {budget}: overrun {final - budget} > {ok} reservation(s) of {estimate}");
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    private static async Task<decimal> SpendAsync(JunctionTestServer server, string id)
    {
        using var response = await SendAsync(server, HttpMethod.Get, $"/admin/keys/{id}", MasterKey);
        return (decimal)(await JsonAsync(response))["spend_usd"]!;
    }
}
