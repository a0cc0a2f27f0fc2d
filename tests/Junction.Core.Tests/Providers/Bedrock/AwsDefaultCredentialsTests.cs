using Junction.Providers.Bedrock;
using Junction.Resilience;
using Microsoft.Extensions.Time.Testing;

namespace Junction.Tests.Providers.Bedrock;

public sealed class AwsDefaultCredentialsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetAsync_CachesUntilFiveMinutesBeforeExpiry_ThenResolvesAgain()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var calls = 0;
        var chain = new AwsDefaultCredentials(clock, _ =>
        {
            calls++;
            return Task.FromResult(new AwsCredentials($"AKID{calls}", "secret", "token", clock.GetUtcNow().AddMinutes(60)));
        });

        Assert.Equal("AKID1", (await chain.GetAsync(Ct)).AccessKeyId);
        clock.Advance(TimeSpan.FromMinutes(54));
        Assert.Equal("AKID1", (await chain.GetAsync(Ct)).AccessKeyId);
        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.Equal("AKID2", (await chain.GetAsync(Ct)).AccessKeyId);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task GetAsync_NoExpiry_IsRecheckedAfterTheInterval()
    {
        var clock = new FakeTimeProvider();
        var calls = 0;
        var chain = new AwsDefaultCredentials(clock, _ => Task.FromResult(new AwsCredentials($"AKID{++calls}", "secret")));

        await chain.GetAsync(Ct);
        clock.Advance(AwsDefaultCredentials.RecheckInterval - TimeSpan.FromSeconds(1));
        await chain.GetAsync(Ct);
        clock.Advance(TimeSpan.FromSeconds(2));
        await chain.GetAsync(Ct);

        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task GetAsync_ChainFails_IsA502NamingTheOptions()
    {
        var chain = new AwsDefaultCredentials(new FakeTimeProvider(), _ => throw new InvalidOperationException("no credentials"));

        var ex = await Assert.ThrowsAsync<JunctionException>(() => chain.GetAsync(Ct).AsTask());

        Assert.Equal(502, ex.Error.Status);
        Assert.Equal("aws_credentials_unavailable", ex.Error.Code);
        Assert.Contains("access_key_id", ex.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_SdkDefaultChain_ReadsEnvironmentVariables()
    {
        var saved = (Id: Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID"), Secret: Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY"),
            Token: Environment.GetEnvironmentVariable("AWS_SESSION_TOKEN"));
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIDFROMENVIRONMENT1");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "secret-from-environment");
        Environment.SetEnvironmentVariable("AWS_SESSION_TOKEN", "token-from-environment");
        try
        {
            var credentials = await new AwsDefaultCredentials(TimeProvider.System).GetAsync(Ct);

            Assert.Equal("AKIDFROMENVIRONMENT1", credentials.AccessKeyId);
            Assert.Equal("secret-from-environment", credentials.SecretAccessKey);
            Assert.Equal("token-from-environment", credentials.SessionToken);
        }
        finally
        {
            Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", saved.Id);
            Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", saved.Secret);
            Environment.SetEnvironmentVariable("AWS_SESSION_TOKEN", saved.Token);
        }
    }
}
