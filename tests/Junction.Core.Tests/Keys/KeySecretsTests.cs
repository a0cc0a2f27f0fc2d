using Junction.Keys;

namespace Junction.Tests.Keys;

public sealed class KeySecretsTests
{
    [Fact]
    public void Generate_IsPrefixedUniqueAndUrlSafe()
    {
        var a = KeySecrets.Generate();
        var b = KeySecrets.Generate();
        Assert.StartsWith("sk-jn-", a, StringComparison.Ordinal);
        Assert.Equal(49, a.Length);
        Assert.NotEqual(a, b);
        Assert.DoesNotContain(a[6..], c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'));
        Assert.True(KeySecrets.LooksLikeVirtualKey(a));
    }

    [Fact]
    public void Hash_IsLowercaseSha256Hex_AndComparesInConstantTimeByValue()
    {
        var hash = KeySecrets.Hash("sk-jn-abc");
        Assert.Equal(64, hash.Length);
        Assert.Equal(hash.ToLowerInvariant(), hash);
        Assert.True(KeySecrets.HashEquals(hash, KeySecrets.Hash("sk-jn-abc")));
        Assert.False(KeySecrets.HashEquals(hash, KeySecrets.Hash("sk-jn-abd")));
        Assert.False(KeySecrets.HashEquals(hash, hash[..63]));
    }

    [Fact]
    public void Hint_ShowsOnlyTheLastFourCharacters()
    {
        var secret = KeySecrets.Generate();
        Assert.Equal("sk-jn-…" + secret[^4..], KeySecrets.Hint(secret));
    }

    [Theory]
    [InlineData("gpt-4o", "gpt-4o", true)]
    [InlineData("gpt-4o", "gpt-4o-mini", false)]
    [InlineData("gpt-4o*", "gpt-4o-mini", true)]
    [InlineData("*-mini", "gpt-4o-mini", true)]
    [InlineData("claude*sonnet*", "claude-3-5-sonnet-v2", true)]
    [InlineData("claude*sonnet*", "claude-3-haiku", false)]
    [InlineData("a*a", "a", false)]
    [InlineData("*", "anything", true)]
    public void ModelPatterns_Match(string pattern, string model, bool expected) =>
        Assert.Equal(expected, ModelPatterns.Matches(pattern, model));

    [Fact]
    public void ModelPatterns_EmptyListAllowsAll() => Assert.True(ModelPatterns.Allows([], "x"));

    [Fact]
    public void Refusal_RevokedDisabledExpired()
    {
        var now = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var key = new VirtualKey { Id = "k", KeyHash = "h", Hint = "x" };
        Assert.Null(key.Refusal(now));
        Assert.Equal("revoked", (key with { RevokedAt = now }).Refusal(now));
        Assert.Equal("disabled", (key with { Enabled = false }).Refusal(now));
        Assert.Equal("expired", (key with { ExpiresAt = now }).Refusal(now));
        Assert.Null((key with { ExpiresAt = now.AddSeconds(1) }).Refusal(now));
    }
}
