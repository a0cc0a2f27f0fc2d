using System.Data.Common;
using Junction.Budgets;
using Junction.Keys;
using Microsoft.Extensions.Time.Testing;

namespace Junction.Storage.Tests;

/// <summary>The behaviour both stores must have; each dialect runs it against a real database.</summary>
public abstract class GovernanceStoreContract
{
    protected static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2025, 6, 15, 12, 0, 0, TimeSpan.Zero));

    /// <summary>A store on a fresh, empty database.</summary>
    protected abstract Task<IGovernanceStore> CreateStoreAsync();

    /// <summary>Runs raw SQL against the store's database.</summary>
    protected abstract Task<int> ExecuteAsync(IGovernanceStore store, string sql);

    protected static AuditEntry Audit(string action, string target, string? team = null) =>
        new() { At = Clock.GetUtcNow(), Actor = "test", ActorRole = Roles.Admin, Action = action, TargetType = "key", TargetId = target, TeamId = team };

    protected static VirtualKey NewKey(string id, string? team = null, string secret = "sk-jn-secret") => new()
    {
        Id = id,
        KeyHash = KeySecrets.Hash(secret + id),
        Hint = "sk-jn-…" + id[^2..],
        TeamId = team,
        Models = ["gpt-4o", "claude*"],
        Metadata = new Dictionary<string, string> { ["owner"] = "ops" },
        Limits = new LimitSet { BudgetUsd = 12.5m, BudgetPeriod = BudgetPeriods.Daily, Rpm = 60, Tpm = 1000, MaxParallel = 2 },
        ExpiresAt = Clock.GetUtcNow().AddDays(30),
        CreatedAt = Clock.GetUtcNow(),
        UpdatedAt = Clock.GetUtcNow(),
    };

    [Fact]
    public async Task Migrate_Twice_AppliesEachVersionOnce()
    {
        await using var store = await CreateStoreAsync();
        Assert.Empty(await store.MigrateAsync(TestContext.Current.CancellationToken));
        Assert.Equal(1, await ExecuteAsync(store, "SELECT 1 FROM schema_migrations WHERE version = 1"));
    }

    [Fact]
    public async Task Key_CreateFindUpdate_RoundTripsEveryField()
    {
        await using var store = await CreateStoreAsync();
        var ct = TestContext.Current.CancellationToken;
        var key = NewKey("key_01", "team-a");
        await store.CreateKeyAsync(key, Audit("key.create", key.Id, "team-a"), ct);

        var found = await store.FindKeyByHashAsync(key.KeyHash, ct);
        Assert.NotNull(found);
        Assert.Equal(key.Limits, found.Limits);
        Assert.Equal(key.Models, found.Models);
        Assert.Equal("ops", found.Metadata["owner"]);
        Assert.Equal(key.ExpiresAt, found.ExpiresAt);
        Assert.True(found.Enabled);

        var revoked = found with { RevokedAt = Clock.GetUtcNow(), Enabled = false };
        Assert.True(await store.UpdateKeyAsync(revoked, Audit("key.revoke", key.Id, "team-a"), ct));
        var again = await store.GetKeyAsync(key.Id, ct);
        Assert.Equal("revoked", again!.Refusal(Clock.GetUtcNow()));
        Assert.Null(await store.FindKeyByHashAsync(KeySecrets.Hash("nothing"), ct));
    }

    [Fact]
    public async Task ListKeys_FiltersByTeamAndPages()
    {
        await using var store = await CreateStoreAsync();
        var ct = TestContext.Current.CancellationToken;
        foreach (var (id, team) in new[] { ("key_a1", "a"), ("key_b1", "b"), ("key_a2", "a"), ("key_a3", "a") })
        {
            await store.CreateKeyAsync(NewKey(id, team), Audit("key.create", id, team), ct);
        }

        var teamA = await store.ListKeysAsync(new KeyQuery { TeamId = "a" }, ct);
        Assert.Equal(["key_a1", "key_a2", "key_a3"], teamA.Select(k => k.Id).Order());
        Assert.Equal(2, (await store.ListKeysAsync(new KeyQuery { TeamId = "a", Limit = 2 }, ct)).Count);
        Assert.Single(await store.ListKeysAsync(new KeyQuery { TeamId = "a", Limit = 2, Offset = 2 }, ct));
    }

    [Fact]
    public async Task Audit_EveryWriteIsRecorded_AndTheLogIsAppendOnly()
    {
        await using var store = await CreateStoreAsync();
        var ct = TestContext.Current.CancellationToken;
        var key = NewKey("key_02", "team-a");
        await store.CreateKeyAsync(key, Audit("key.create", key.Id, "team-a") with { After = "{\"id\":\"key_02\"}" }, ct);
        await store.UpdateKeyAsync(key with { Name = "renamed" }, Audit("key.update", key.Id, "team-a"), ct);
        Assert.False(await store.UpdateKeyAsync(NewKey("key_missing"), Audit("key.update", "key_missing"), ct));

        var entries = await store.QueryAuditAsync(new AuditQuery { TeamId = "team-a" }, ct);
        Assert.Equal(["key.update", "key.create"], entries.Select(e => e.Action));
        Assert.Equal("{\"id\":\"key_02\"}", entries[1].After);
        Assert.Single(await store.QueryAuditAsync(new AuditQuery { TeamId = "team-a", BeforeId = entries[0].Id }, ct));

        await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync(store, "UPDATE audit_log SET actor = 'someone else'"));
        await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync(store, "DELETE FROM audit_log"));
        Assert.Equal(2, (await store.QueryAuditAsync(new AuditQuery(), ct)).Count);
    }

    [Fact]
    public async Task TeamsAndUsers_CreateUpdateDelete()
    {
        await using var store = await CreateStoreAsync();
        var ct = TestContext.Current.CancellationToken;
        var team = new Team { Id = "t1", Name = "Search", Limits = new LimitSet { BudgetUsd = 100m }, CreatedAt = Clock.GetUtcNow(), UpdatedAt = Clock.GetUtcNow() };
        await store.CreateTeamAsync(team, Audit("team.create", "t1", "t1"), ct);
        var user = new User { Id = "u1", Email = "a@example.com", TeamId = "t1", CreatedAt = Clock.GetUtcNow(), UpdatedAt = Clock.GetUtcNow() };
        await store.CreateUserAsync(user, Audit("user.create", "u1", "t1"), ct);

        Assert.True(await store.UpdateTeamAsync(team with { Limits = team.Limits with { Rpm = 5 } }, Audit("team.update", "t1", "t1"), ct));
        Assert.Equal(5, (await store.GetTeamAsync("t1", ct))!.Limits.Rpm);
        Assert.Single(await store.ListUsersAsync("t1", ct));
        Assert.Empty(await store.ListUsersAsync("t2", ct));
        Assert.True(await store.DeleteUserAsync("u1", Audit("user.delete", "u1", "t1"), ct));
        Assert.True(await store.DeleteTeamAsync("t1", Audit("team.delete", "t1", "t1"), ct));
        Assert.Empty(await store.ListTeamsAsync(ct));
    }

    [Fact]
    public async Task Spend_AddsUpPerWindow()
    {
        await using var store = await CreateStoreAsync();
        var ct = TestContext.Current.CancellationToken;
        var window = new BudgetWindow("key:k", 1_700_000_000);
        await store.AddSpentAsync([(window, 5), (new BudgetWindow("team:t", 1_700_000_000), 7)], ct);
        await store.AddSpentAsync([(window, 10)], ct);
        Assert.Equal(15, await store.GetSpentAsync(window, ct));
        Assert.Equal(0, await store.GetSpentAsync(window with { Start = 1 }, ct));
    }
}
