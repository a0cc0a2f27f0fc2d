using System.Net;
using Junction.Server.Tests.Infrastructure;
using static Junction.Server.Tests.Governance.GovernanceClient;

namespace Junction.Server.Tests.Telemetry;

/// <summary><c>/metrics</c> behind the master key, with the team label and Junction's own 429s.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class GovernanceMetricsTests : IAsyncLifetime
{
    private const string MasterKey = "sk-master-metrics-test-0123456789";
    private readonly string _dir = Directory.CreateTempSubdirectory("junction-metrics-").FullName;
    private JunctionTestServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await JunctionTestServer.StartAsync($$"""
        auth: { master_key: {{MasterKey}} }
        storage: { provider: sqlite, connection: "Data Source={{Path.Combine(_dir, "junction.db")}}" }
        models:
          - name: demo
            deployments: [ { provider: mock } ]
        """);

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Metrics_NeedTheKey()
    {
        using var anonymous = await _server.Http.GetAsync("/metrics", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        await MetricsEndpointTests.ScrapeAsync(_server, MasterKey);
    }

    [Fact]
    public async Task TeamKeyOverRpm_CountsRequestsByTeam_AndTheRejection()
    {
        using (var team = await SendAsync(_server, HttpMethod.Post, "/admin/teams", MasterKey, """{"id":"team-m","name":"Metrics"}"""))
        {
            Assert.Equal(HttpStatusCode.Created, team.StatusCode);
        }

        var (_, secret) = await CreateKeyAsync(_server, MasterKey, """{"team_id":"team-m","rpm":1}""");
        using (var ok = await ChatAsync(_server, secret))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using (var limited = await ChatAsync(_server, secret))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        }

        var (metrics, text) = await MetricsEndpointTests.ScrapeAsync(_server, MasterKey);
        Assert.Equal(1, metrics.Sum("junction_requests_total", ("team", "team-m"), ("status", "2xx")));
        Assert.Equal(1, metrics.Sum("junction_requests_total", ("team", "team-m"), ("status", "429")));
        Assert.Equal(1, metrics.Sum("junction_rate_limit_rejections_total", ("team", "team-m"), ("model", "demo")));
        Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
    }
}
