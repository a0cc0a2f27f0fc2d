using Junction.Configuration;

namespace Junction.Tests.Configuration;

public sealed class GovernanceConfigTests
{
    private static ConfigLoadResult Load(string yaml) => JunctionConfigLoader.LoadText(yaml, "test.yaml", static _ => null);

    private const string Models = """
        models:
          - name: demo
            deployments: [ { provider: mock } ]
        """;

    [Fact]
    public void NoMasterKeyNoStorage_StorageIsOff()
    {
        var result = Load(Models);
        Assert.True(result.IsValid);
        Assert.False(result.Options!.Storage.Enabled);
    }

    [Fact]
    public void MasterKeyWithoutStorage_DefaultsToSqliteJunctionDb()
    {
        var result = Load("auth: { master_key: abc }\n" + Models);
        Assert.Equal(StorageProviderNames.Sqlite, result.Options!.Storage.Provider);
        Assert.Equal("Data Source=junction.db", result.Options.Storage.Connection);
    }

    [Fact]
    public void Postgres_WithoutConnection_IsAnErrorNamingTheKey()
    {
        var result = Load("storage: { provider: postgres }\n" + Models);
        Assert.Contains(result.Errors, e => e.Path == "storage.connection");
    }

    [Fact]
    public void Errors_NeverEchoTheConnectionStringOrRedisUrl()
    {
        var result = Load("storage: { provider: mysql, connection: 'Password=SECRET1' }\nredis: { url: 'redis://:SECRET2@h' }\ngovernance: { key_cache_ttl_s: -1 }\n" + Models);
        Assert.Contains(result.Errors, e => e.Path == "storage.provider" && e.Line == 1);
        Assert.Contains(result.Errors, e => e.Path == "governance.key_cache_ttl_s");
        Assert.DoesNotContain(result.Errors, e => e.ToString().Contains("SECRET", StringComparison.Ordinal));
    }

    [Fact]
    public void Deployment_CostKeys_AreCommonToEveryProvider()
    {
        var result = Load("""
            models:
              - name: demo
                deployments:
                  - { provider: mock, input_cost_per_1m: 1.5, output_cost_per_1m: 2, cached_input_cost_per_1m: -1 }
            """);
        Assert.Equal(1.5, result.Options!.Models[0].Deployments[0].InputCostPer1M);
        Assert.Contains(result.Errors, e => e.Path == "models[0].deployments[0].cached_input_cost_per_1m");
    }
}
