using System.Net;
using Junction.Server.Tests.Infrastructure;
using static Junction.Server.Tests.Governance.GovernanceClient;

namespace Junction.Server.Tests.Governance;

/// <summary>Virtual keys end to end on a real SQLite file: issue through the admin API, enforce on /v1, audit.</summary>
public sealed class GovernanceEndToEndTests : IAsyncLifetime
{
    private const string MasterKey = "sk-master-governance-test-0123456789";
    private readonly string _dir = Directory.CreateTempSubdirectory("junction-gov-").FullName;
    private JunctionTestServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await JunctionTestServer.StartAsync($$"""
        auth: { master_key: {{MasterKey}} }
        storage: { provider: sqlite, connection: "Data Source={{Path.Combine(_dir, "junction.db")}}" }
        models:
          - name: demo
            deployments:
              - provider: mock
                input_cost_per_1m: 1000
                output_cost_per_1m: 1000
          - name: other
            deployments:
              - provider: mock
        """);

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task CreatedKey_Chats_WithRateLimitHeaders_AndIsLoggedByIdOnly()
    {
        var (id, secret) = await CreateKeyAsync(_server, MasterKey, """{"name":"ci","models":["demo"],"rpm":10,"tpm":100000}""");
        Assert.StartsWith("sk-jn-", secret, StringComparison.Ordinal);

        using var response = await ChatAsync(_server, secret);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("10", response.Headers.GetValues("x-ratelimit-limit-requests").Single());
        Assert.Equal("9", response.Headers.GetValues("x-ratelimit-remaining-requests").Single());
        Assert.EndsWith("s", response.Headers.GetValues("x-ratelimit-reset-requests").Single(), StringComparison.Ordinal);
        Assert.Equal("100000", response.Headers.GetValues("x-ratelimit-limit-tokens").Single());

        // The request line is logged when the middleware finishes, just after the response went out.
        var logged = SpinWait.SpinUntil(() => _server.Logs.AllText.Contains($"key={id}", StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        Assert.True(logged, "the request log line names the key id");
        Assert.DoesNotContain(secret, _server.Logs.AllText, StringComparison.Ordinal);
        using var list = await SendAsync(_server, HttpMethod.Get, "/admin/keys", MasterKey);
        var listed = await list.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains(id, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);
        Assert.DoesNotContain("hash", listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_AVirtualKeySeesOnlyTheModelsItMayUse_TheMasterKeySeesAll()
    {
        var (_, secret) = await CreateKeyAsync(_server, MasterKey, """{"name":"narrow","models":["demo"]}""");
        var ct = TestContext.Current.CancellationToken;

        using (var keyed = await SendAsync(_server, HttpMethod.Get, "/v1/models", secret))
        {
            var text = await keyed.Content.ReadAsStringAsync(ct);
            Assert.Contains("\"demo\"", text, StringComparison.Ordinal);
            Assert.DoesNotContain("\"other\"", text, StringComparison.Ordinal);
        }

        using (var hidden = await SendAsync(_server, HttpMethod.Get, "/v1/models/other", secret))
        {
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }

        using var master = await SendAsync(_server, HttpMethod.Get, "/v1/models", MasterKey);
        Assert.Contains("\"other\"", await master.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownRevokedOrExpiredKey_Is401_AndMasterKeyStillWorks()
    {
        using (var unknown = await ChatAsync(_server, "sk-jn-not-a-real-key"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        }

        var (id, secret) = await CreateKeyAsync(_server, MasterKey, "{}");
        using (var ok = await ChatAsync(_server, secret))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using (var revoke = await SendAsync(_server, HttpMethod.Post, $"/admin/keys/{id}/revoke", MasterKey))
        {
            Assert.Equal("revoked", (string)(await JsonAsync(revoke))["status"]!);
        }

        using (var revoked = await ChatAsync(_server, secret))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
            Assert.Contains("revoked", (string)(await JsonAsync(revoked))["error"]!["message"]!, StringComparison.Ordinal);
        }

        var (_, expired) = await CreateKeyAsync(_server, MasterKey, """{"expires_at":"2020-01-01T00:00:00Z"}""");
        using (var refused = await ChatAsync(_server, expired))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using var master = await ChatAsync(_server, MasterKey);
        Assert.Equal(HttpStatusCode.OK, master.StatusCode);
        Assert.False(master.Headers.Contains("x-ratelimit-limit-requests"));
    }

    [Fact]
    public async Task ModelNotAllowed_Is403NamingTheModel_EvenAsAFallback()
    {
        var (_, secret) = await CreateKeyAsync(_server, MasterKey, """{"models":["dem*"]}""");
        using var refused = await ChatAsync(_server, secret, "other");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var error = (await JsonAsync(refused))["error"]!;
        Assert.Equal("model_not_allowed", (string)error["code"]!);
        Assert.Contains("'other'", (string)error["message"]!, StringComparison.Ordinal);

        using var viaFallback = await _server.PostJsonAsync("/v1/chat/completions", """{"model":"demo","messages":[{"role":"user","content":"x"}]}""", secret,
            new Dictionary<string, string> { ["x-junction-config"] = """{"fallbacks":["other"]}""" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, viaFallback.StatusCode);
    }

    [Fact]
    public async Task OverRpm_Is429WithRetryAfterAndHeaders()
    {
        var (_, secret) = await CreateKeyAsync(_server, MasterKey, """{"rpm":2}""");
        for (var i = 0; i < 2; i++)
        {
            using var ok = await ChatAsync(_server, secret);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var limited = await ChatAsync(_server, secret);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("0", limited.Headers.GetValues("x-ratelimit-remaining-requests").Single());
        Assert.Equal("rate_limit_exceeded", (string)(await JsonAsync(limited))["error"]!["code"]!);
    }

    [Fact]
    public async Task SpentBudget_Is429BudgetExceeded_AndSpendIsShown()
    {
        // demo costs $1000 per 1M tokens: one mock answer (~20 tokens) costs about $0.02, more than this budget.
        var (id, secret) = await CreateKeyAsync(_server, MasterKey, """{"budget_usd":0.001,"budget_period":"daily"}""");
        using (var first = await ChatAsync(_server, secret, maxTokens: 1))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using var refused = await ChatAsync(_server, secret, maxTokens: 1);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var error = (await JsonAsync(refused))["error"]!;
        Assert.Equal("budget_exceeded", (string)error["code"]!);
        Assert.Equal("insufficient_quota", (string)error["type"]!);
        Assert.NotNull(refused.Headers.RetryAfter);

        using var key = await SendAsync(_server, HttpMethod.Get, $"/admin/keys/{id}", MasterKey);
        Assert.True((decimal)(await JsonAsync(key))["spend_usd"]! > 0.001m);
    }

    [Fact]
    public async Task Rotate_OldSecretStops_NewWorks_AndAuditRecordsWithoutSecrets()
    {
        var (id, oldSecret) = await CreateKeyAsync(_server, MasterKey, """{"name":"rotating"}""");
        using var rotate = await SendAsync(_server, HttpMethod.Post, $"/admin/keys/{id}/rotate", MasterKey);
        var newSecret = (string)(await JsonAsync(rotate))["key"]!;
        Assert.NotEqual(oldSecret, newSecret);

        using (var old = await ChatAsync(_server, oldSecret))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        }

        using (var fresh = await ChatAsync(_server, newSecret))
        {
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        }

        using var audit = await SendAsync(_server, HttpMethod.Get, $"/admin/audit?target_id={id}", MasterKey);
        var text = await audit.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var entries = (await JsonAsync(audit))["data"]!.AsArray();
        Assert.Equal(["key.rotate", "key.create"], entries.Select(e => (string)e!["action"]!));
        Assert.Equal("master", (string)entries[0]!["actor"]!);
        Assert.DoesNotContain(oldSecret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(newSecret, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ViewerKey_MayNotCallInference()
    {
        var (_, secret) = await CreateKeyAsync(_server, MasterKey, """{"role":"viewer"}""");
        using var refused = await ChatAsync(_server, secret);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task OpenApiDocument_IsServedWithoutAKey()
    {
        using var response = await SendAsync(_server, HttpMethod.Get, "/openapi.json", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull((await JsonAsync(response))["paths"]!["/admin/keys"]);
    }
}
