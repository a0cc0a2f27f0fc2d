namespace Junction.Tests.Configuration;

public class SecretRedactionTests
{
    private static readonly string[] Secrets =
    [
        "sk-proj-SECRET0001", "sk-SECRET0002", "SECRET0003", "SECRET0004", "SECRET0005", "SECRET0006",
        "SECRET0007", "SECRET0008", "SECRET0009", "SECRET0010", "SECRET0011", "SECRET0012", "SECRET0013",
    ];

    [Fact]
    public void LoadText_SecretsInWrongPlaces_NeverEchoed()
    {
        var yaml = """
            server:
              host: [sk-proj-SECRET0001]
              port: sk-SECRET0002
              max_request_body_mb: SECRET0003
            auth:
              master_key: { nested: SECRET0004 }
            models:
              - name: SECRET0005
                deployments:
                  - provider: SECRET0006
                    api_key: SECRET0007
                  - provider: openai
                    model: gpt
                    base_url: SECRET0008
                    weight: SECRET0009
                    api_key: ${SECRET0010-not-a-name}
                    headers: { Authorization: [SECRET0011] }
                  - provider: mock
                    api_key: SECRET0012
                    latency_ms: ${UNSET:-SECRET0013}
              - name: SECRET0005
                deployments: [{ provider: mock, id: SECRET0012 }, { provider: mock, id: SECRET0012 }]
            router: { default_timeout_s: "${SECRET0010" }
            """;

        var result = ConfigTestLoader.Load(yaml);

        Assert.True(result.Errors.Count >= 12, string.Join("\n", result.Errors));
        var text = string.Join("\n", result.Errors);
        Assert.All(Secrets, secret => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("server: { host: 'sk-SECRET0001\n")]
    [InlineData("server:\n  host: sk-SECRET0001\n  host: sk-SECRET0001\n")]
    [InlineData("server: { host: sk-SECRET0001 ]\n")]
    [InlineData("sk-SECRET0001\n")]
    [InlineData("[sk-SECRET0001]\n")]
    [InlineData("server: sk-SECRET0001\n")]
    public void LoadText_SecretInBrokenDocument_NeverEchoed(string yaml)
    {
        var errors = ConfigTestLoader.Errors(yaml);

        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.DoesNotContain("SECRET0001", e, StringComparison.Ordinal));
    }
}
