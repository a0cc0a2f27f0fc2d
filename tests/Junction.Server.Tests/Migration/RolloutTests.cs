using Junction.Migration;
using Junction.Server.Tests.Infrastructure;
using Junction.TestKit.OpenAI;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using static Junction.Server.Tests.Migration.MigrationTestSupport;

namespace Junction.Server.Tests.Migration;

/// <summary>
/// Percentage rollouts through a real server on a SQLite database with a fake upstream per side. The clock is a
/// <see cref="FakeTimeProvider"/> (the evaluation loop never ticks on its own); the tests advance it and evaluate.
/// </summary>
public sealed class RolloutTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("junction-rollout-").FullName;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 6, 15, 12, 0, 0, TimeSpan.Zero));
    private FakeOpenAIUpstream _old = null!;
    private FakeOpenAIUpstream _new = null!;
    private int _users;

    private string Config => $$"""
        auth: { master_key: {{MasterKey}} }
        storage: { provider: sqlite, connection: "Data Source={{Path.Combine(_dir, "junction.db")}}" }
        models:
          - name: gpt-4o
            deployments:
              - { provider: openai, model: gpt-4o, base_url: "{{_old.BaseUrl}}", api_key: sk-upstream }
            routing: { retries: 0 }
            rollout:
              to: claude-sonnet
              steps: [10, 50, 100]
              step_after_s: 60
              min_requests: 5
              rollback_if: { error_rate_above: 0.2 }
              sticky_by: user
          - name: claude-sonnet
            deployments:
              - { provider: openai, model: gpt-4o-mini, base_url: "{{_new.BaseUrl}}", api_key: sk-upstream }
            routing: { retries: 0 }
        """;

    public async ValueTask InitializeAsync()
    {
        _old = await FakeOpenAIUpstream.StartAsync();
        _new = await FakeOpenAIUpstream.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _old.DisposeAsync();
        await _new.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task HealthyNewSide_PromotesThroughEveryStep_ThenCompletes()
    {
        await using var server = await JunctionTestServer.StartAsync(Config, timeProvider: _clock);
        var rollouts = server.Runtime.Migration!.Rollouts;
        Assert.Equal(10, View(server).Percent);

        foreach (var (percent, next) in new[] { (10d, 50d), (50d, 100d) })
        {
            await SendAsync(server, percent, toNew: 5, toOld: 5);
            Assert.Empty((await rollouts.EvaluateAsync(Ct)).Select(t => t.Reason));
            await PassStepAsync(rollouts);
            Assert.Equal(next, View(server).Percent);
        }

        await SendAsync(server, 100, toNew: 5, toOld: 0);
        await PassStepAsync(rollouts);
        Assert.Equal(RolloutStatus.Completed, View(server).State.Status);
        Assert.Equal((5 + 5, 5 + 5 + 5), (_old.RequestCount, _new.RequestCount));

        var audit = (await GetJsonAsync(server, "/admin/audit?target_id=gpt-4o"))["data"]!.AsArray();
        Assert.Equal(["rollout.complete", "rollout.promote", "rollout.promote", "rollout.start"], audit.Select(a => (string)a!["action"]!));
        Assert.All(audit, a => Assert.Equal("junction", (string)a!["actor"]!));
        Assert.Equal(5, (int)audit[1]!["after"]!["new"]!["requests"]!);
        Assert.Equal(5, (int)audit[1]!["after"]!["old"]!["requests"]!);

        var cli = await CliAsync("rollout", "status", "--model", "gpt-4o", "--url", server.BaseUrl.ToString(), "--key", MasterKey);
        Assert.True(cli.Exit == 0, cli.Error);
        Assert.Contains("completed", cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailingNewSide_RollsBackAtOnce_AndStaysUntilAPersonResumes()
    {
        await using var server = await JunctionTestServer.StartAsync(Config, timeProvider: _clock);
        var rollouts = server.Runtime.Migration!.Rollouts;
        _new.Enqueue([.. Enumerable.Repeat(FakeBehavior.Error(500, "server_error", null, "down"), 5)]);
        var users = await SendAsync(server, 10, toNew: 5, toOld: 5, expectedNewStatus: 500);

        var rollback = Assert.Single(await rollouts.EvaluateAsync(Ct));
        Assert.Equal(("rollback", 0d), (rollback.Action, View(server).Percent));
        Assert.Equal(5, rollback.New.Errors);

        // Rolled back: the same callers now stay on the old side, however long the new side would look healthy.
        foreach (var user in users)
        {
            Assert.Equal(200, (await ChatAsync(server, "gpt-4o", "hello", user)).Status);
        }

        Assert.Equal(5, _new.RequestCount);
        _clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Empty(await rollouts.EvaluateAsync(Ct));
        Assert.Equal(2, View(server).State.Version);
        Assert.Equal(RolloutStatus.RolledBack, View(server).State.Status);

        var audit = (await GetJsonAsync(server, "/admin/audit?action=rollout.rollback"))["data"]!.AsArray();
        var entry = Assert.Single(audit)!;
        Assert.Equal(("junction", "RolledBack", 5), ((string)entry["actor"]!, (string)entry["after"]!["status"]!, (int)entry["after"]!["new"]!["errors"]!));
        Assert.Contains("error rate 100.0 %", (string)entry["after"]!["reason"]!, StringComparison.Ordinal);

        var resume = await CliAsync("rollout", "resume", "--model", "gpt-4o", "--url", server.BaseUrl.ToString(), "--key", MasterKey);
        Assert.True(resume.Exit == 0, resume.Error);
        Assert.Equal((RolloutStatus.Active, 10d), (View(server).State.Status, View(server).Percent));
        var resumed = Assert.Single((await GetJsonAsync(server, "/admin/audit?action=rollout.resume"))["data"]!.AsArray())!;
        Assert.Equal("master", (string)resumed["actor"]!);
        Assert.Equal(1, server.Logs.Lines.Count(l => l.Contains("Rollout of gpt-4o: rollback to 0%", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Restart_OnTheSameDatabase_KeepsTheRolloutState()
    {
        await using (var first = await JunctionTestServer.StartAsync(Config, timeProvider: _clock))
        {
            var promote = await CliAsync("rollout", "promote", "--model", "gpt-4o", "--url", first.BaseUrl.ToString(), "--key", MasterKey);
            Assert.True(promote.Exit == 0, promote.Error);
            using var pause = await first.PostJsonAsync("/admin/rollouts/gpt-4o/pause", "", MasterKey, cancellationToken: Ct);
            Assert.True(pause.IsSuccessStatusCode);
        }

        await using var second = await JunctionTestServer.StartAsync(Config, timeProvider: _clock);
        var rollout = Assert.Single((await GetJsonAsync(second, "/admin/rollouts"))["rollouts"]!.AsArray())!;
        Assert.Equal(("paused", 50d, 1, 3L), ((string)rollout["status"]!, (double)rollout["percent"]!, (int)rollout["step"]!, (long)rollout["version"]!));
        var actions = (await GetJsonAsync(second, "/admin/audit?target_id=gpt-4o"))["data"]!.AsArray().Select(a => (string)a!["action"]!);
        Assert.Equal(["rollout.pause", "rollout.promote", "rollout.start"], actions);

        // Paused at 50 %: a new-side caller of that step still goes to the new side after the restart.
        var user = Users(50, toNew: true).First();
        Assert.Equal(200, (await ChatAsync(second, "gpt-4o", "hello", user)).Status);
        Assert.Equal(1, _new.RequestCount);
    }

    /// <summary>
    /// Lets the step's time pass. Advancing the fake clock also ticks the evaluation loop, which may apply the transition
    /// before (or race with) the direct evaluation here: compare-and-set lets exactly one of them make it.
    /// </summary>
    private async Task PassStepAsync(RolloutManager rollouts)
    {
        var version = Assert.Single(rollouts.Status()).State.Version;
        _clock.Advance(TimeSpan.FromSeconds(61));
        await rollouts.EvaluateAsync(Ct);
        await EventuallyAsync(() => Assert.Single(rollouts.Status()).State.Version == version + 1, "the step's transition");
    }

    private static RolloutView View(JunctionTestServer server) => Assert.Single(server.Runtime.Migration!.Rollouts.Status());

    /// <summary>Fresh callers whose stable hash puts them on the new side at <paramref name="percent"/> (or on the old side).</summary>
    private IEnumerable<string> Users(double percent, bool toNew)
    {
        while (true)
        {
            var user = $"user-{Interlocked.Increment(ref _users)}";
            if (StickySplit.ToNewSide(user, "gpt-4o", percent) == toNew)
            {
                yield return user;
            }
        }
    }

    /// <summary>Sends requests from callers on each side and waits until the rollout has counted them.</summary>
    private async Task<List<string>> SendAsync(JunctionTestServer server, double percent, int toNew, int toOld, int expectedNewStatus = 200)
    {
        var before = View(server);
        var newUsers = Users(percent, toNew: true).Take(toNew).ToList();
        foreach (var user in newUsers)
        {
            Assert.Equal(expectedNewStatus, (await ChatAsync(server, "gpt-4o", "hello", user)).Status);
        }

        foreach (var user in Users(percent, toNew: false).Take(toOld))
        {
            Assert.Equal(200, (await ChatAsync(server, "gpt-4o", "hello", user)).Status);
        }

        await EventuallyAsync(() => View(server) is var v && v.New.Requests == before.New.Requests + toNew && v.Old.Requests == before.Old.Requests + toOld,
            "the rollout to count both sides");
        return newUsers;
    }
}
