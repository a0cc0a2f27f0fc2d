using System.Net;
using Junction.Server.Tests.Infrastructure;
using static Junction.Server.Tests.Governance.GovernanceClient;

namespace Junction.Server.Tests.Governance;

/// <summary>
/// Every admin endpoint against every role (master, admin key, team_admin, viewer, caller, no key), on team A's and
/// team B's objects. A team admin never sees or touches team B: its objects answer 404, writes for team B 403.
/// </summary>
public sealed class AdminRoleMatrixTests : IAsyncLifetime
{
    private const string MasterKey = "sk-master-matrix-test-0123456789";
    private readonly string _dir = Directory.CreateTempSubdirectory("junction-matrix-").FullName;
    private readonly Dictionary<string, string?> _keys = [];
    private JunctionTestServer _server = null!;
    private string _keyA = "";
    private string _keyB = "";

    public async ValueTask InitializeAsync()
    {
        _server = await JunctionTestServer.StartAsync($$"""
            auth: { master_key: {{MasterKey}} }
            storage: { provider: sqlite, connection: "Data Source={{Path.Combine(_dir, "junction.db")}}" }
            models:
              - name: demo
                deployments:
                  - provider: mock
                shadow: { target: demo-next, sample: 0 }
                rollout: { to: demo-next, steps: [10, 100], step_after_s: 3600 }
              - name: demo-next
                deployments:
                  - provider: mock
            """);
        foreach (var team in new[] { "team-a", "team-b" })
        {
            using var created = await SendAsync(_server, HttpMethod.Post, "/admin/teams", MasterKey, $$"""{"id":"{{team}}","name":"{{team}}"}""");
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using (var user = await SendAsync(_server, HttpMethod.Post, "/admin/users", MasterKey, """{"id":"user-a","team_id":"team-a"}"""))
        {
            Assert.Equal(HttpStatusCode.Created, user.StatusCode);
        }

        _keys["master"] = MasterKey;
        _keys["none"] = null;
        _keys["admin"] = (await CreateKeyAsync(_server, MasterKey, """{"role":"admin"}""")).Secret;
        foreach (var role in new[] { "team_admin", "viewer", "caller" })
        {
            _keys[role] = (await CreateKeyAsync(_server, MasterKey, $$"""{"role":"{{role}}","team_id":"team-a"}""")).Secret;
        }

        _keyA = (await CreateKeyAsync(_server, MasterKey, """{"team_id":"team-a"}""")).Id;
        _keyB = (await CreateKeyAsync(_server, MasterKey, """{"team_id":"team-b"}""")).Id;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    // Expected status per role: master, admin, team_admin, viewer, caller, none.
    public static TheoryData<string, string, string?, int[]> Matrix => new()
    {
        { "GET", "/admin/keys", null, [200, 200, 200, 200, 403, 401] },
        { "GET", "/admin/keys/{A}", null, [200, 200, 200, 200, 403, 401] },
        { "GET", "/admin/keys/{B}", null, [200, 200, 404, 404, 403, 401] },
        { "GET", "/admin/keys?team_id=team-b", null, [200, 200, 403, 403, 403, 401] },
        { "POST", "/admin/keys", """{"team_id":"team-a"}""", [201, 201, 201, 403, 403, 401] },
        { "POST", "/admin/keys", """{"team_id":"team-b"}""", [201, 201, 403, 403, 403, 401] },
        { "POST", "/admin/keys", """{"team_id":"team-a","role":"admin"}""", [201, 201, 403, 403, 403, 401] },
        { "PATCH", "/admin/keys/{A}", """{"name":"x"}""", [200, 200, 200, 403, 403, 401] },
        { "PATCH", "/admin/keys/{B}", """{"name":"x"}""", [200, 200, 404, 403, 403, 401] },
        { "PATCH", "/admin/keys/{A}", """{"team_id":"team-b"}""", [200, 200, 403, 403, 403, 401] },
        { "POST", "/admin/keys/{B}/rotate", null, [200, 200, 404, 403, 403, 401] },
        { "POST", "/admin/keys/{B}/revoke", null, [200, 200, 404, 403, 403, 401] },
        { "GET", "/admin/teams", null, [200, 200, 200, 200, 403, 401] },
        { "GET", "/admin/teams/team-a", null, [200, 200, 200, 200, 403, 401] },
        { "GET", "/admin/teams/team-b", null, [200, 200, 404, 404, 403, 401] },
        { "POST", "/admin/teams", """{"name":"new-{unique}"}""", [201, 201, 403, 403, 403, 401] },
        { "PATCH", "/admin/teams/team-a", """{"rpm":10}""", [200, 200, 403, 403, 403, 401] },
        { "DELETE", "/admin/teams/team-c", null, [404, 404, 403, 403, 403, 401] },
        { "GET", "/admin/users", null, [200, 200, 200, 403, 403, 401] },
        { "GET", "/admin/users/user-a", null, [200, 200, 200, 403, 403, 401] },
        { "POST", "/admin/users", """{"team_id":"team-a"}""", [201, 201, 403, 403, 403, 401] },
        { "PATCH", "/admin/users/user-a", """{"rpm":10}""", [200, 200, 403, 403, 403, 401] },
        { "DELETE", "/admin/users/user-missing", null, [404, 404, 403, 403, 403, 401] },
        { "GET", "/admin/audit", null, [200, 200, 200, 200, 403, 401] },
        { "GET", "/admin/audit?team_id=team-b", null, [200, 200, 403, 403, 403, 401] },
        { "GET", "/admin/shadow/report?model=demo", null, [200, 200, 403, 200, 403, 401] },
        { "GET", "/admin/rollouts", null, [200, 200, 403, 200, 403, 401] },
        { "POST", "/admin/rollouts/demo/pause", null, [200, 200, 403, 403, 403, 401] },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Endpoint_EachRole_GetsItsExpectedStatus(string method, string path, string? body, int[] expected)
    {
        string[] roles = ["master", "admin", "team_admin", "viewer", "caller", "none"];
        var resolved = path.Replace("{A}", _keyA, StringComparison.Ordinal).Replace("{B}", _keyB, StringComparison.Ordinal);
        var actual = new List<int>();
        foreach (var role in roles)
        {
            // Writes that succeed change state: each role writes to a fresh key of the same team.
            var target = resolved;
            if (method != "GET")
            {
                target = target
                    .Replace(_keyA, (await CreateKeyAsync(_server, MasterKey, """{"team_id":"team-a"}""")).Id, StringComparison.Ordinal)
                    .Replace(_keyB, (await CreateKeyAsync(_server, MasterKey, """{"team_id":"team-b"}""")).Id, StringComparison.Ordinal);
            }

            using var response = await SendAsync(_server, new HttpMethod(method), target, _keys[role], body?.Replace("{unique}", role, StringComparison.Ordinal));
            actual.Add((int)response.StatusCode);
        }

        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task TeamAdmin_ListsOnlyItsTeamsKeys_AndAuditEntries()
    {
        using var keys = await SendAsync(_server, HttpMethod.Get, "/admin/keys", _keys["team_admin"]);
        var teams = (await JsonAsync(keys))["data"]!.AsArray().Select(k => (string?)k!["team_id"]).Distinct();
        Assert.Equal(["team-a"], teams);

        using var audit = await SendAsync(_server, HttpMethod.Get, "/admin/audit", _keys["viewer"]);
        var auditTeams = (await JsonAsync(audit))["data"]!.AsArray().Select(e => (string?)e!["team_id"]).Distinct();
        Assert.Equal(["team-a"], auditTeams);
    }
}
