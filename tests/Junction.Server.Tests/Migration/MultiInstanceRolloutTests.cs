using Junction.Migration;
using Junction.Server.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using static Junction.Server.Tests.Migration.MigrationTestSupport;

namespace Junction.Server.Tests.Migration;

/// <summary>
/// Two instances on one PostgreSQL database and one redis-server. Their clocks are fake, so their evaluation loops never
/// tick: only the Redis announcement can make an instance pick up a change made on the other one.
/// </summary>
public sealed class MultiInstanceRolloutTests(TestDatabaseServers servers)
{
    [Fact]
    public async Task CommandOnOneInstance_IsSeenByTheOtherAtOnce_ThroughRedis()
    {
        var postgres = await (await servers.PostgresAsync()).CreateDatabaseAsync();
        var redis = await servers.RedisAsync();
        var yaml = $$"""
            auth: { master_key: {{MasterKey}} }
            storage: { provider: postgres, connection: "{{postgres}}" }
            redis: { url: "{{redis.Url}}", key_prefix: "test-{{Guid.NewGuid():N}}:" }
            models:
              - name: demo
                deployments: [ { provider: mock } ]
                rollout: { to: demo-next, steps: [10, 50, 100], step_after_s: 3600 }
              - name: demo-next
                deployments: [ { provider: mock } ]
            """;
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 6, 15, 12, 0, 0, TimeSpan.Zero));
        await using var a = await JunctionTestServer.StartAsync(yaml, timeProvider: clock);
        await using var b = await JunctionTestServer.StartAsync(yaml, timeProvider: clock);
        Assert.Equal(1, State(a).Version);
        Assert.Equal(1, State(b).Version);

        using (var promote = await a.PostJsonAsync("/admin/rollouts/demo/promote", "", MasterKey, cancellationToken: Ct))
        {
            Assert.True(promote.IsSuccessStatusCode);
        }

        await EventuallyAsync(() => State(b).StepIndex == 1, "instance b to hear about the promotion");

        using (var rollback = await b.PostJsonAsync("/admin/rollouts/demo/rollback", "", MasterKey, cancellationToken: Ct))
        {
            Assert.True(rollback.IsSuccessStatusCode);
        }

        await EventuallyAsync(() => State(a).Status == RolloutStatus.RolledBack, "instance a to hear about the rollback");
        Assert.Equal(3, State(a).Version);
    }

    private static RolloutState State(JunctionTestServer server) => Assert.Single(server.Runtime.Migration!.Rollouts.Status()).State;
}
