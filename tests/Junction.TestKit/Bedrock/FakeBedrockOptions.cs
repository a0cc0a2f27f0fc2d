namespace Junction.TestKit.Bedrock;

/// <summary>What the fake Bedrock runtime accepts and how it answers.</summary>
public sealed class FakeBedrockOptions
{
    /// <summary>The only access key id the fake knows; a signature must be made with <see cref="SecretAccessKey"/>.</summary>
    public string AccessKeyId { get; init; } = "AKIDFAKEBEDROCK00001";

    public string SecretAccessKey { get; init; } = "fake/secret+key/for/the/bedrock/fake/0001";

    /// <summary>When set, every signed request must carry and sign this <c>X-Amz-Security-Token</c>.</summary>
    public string? SessionToken { get; init; }

    /// <summary>A Bedrock API key accepted as <c>Authorization: Bearer</c> instead of SigV4; null accepts none.</summary>
    public string? ApiKey { get; init; }

    /// <summary>The region signatures must be scoped to.</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>The clock signatures are checked against (±5 minutes); the system clock when null.</summary>
    public TimeProvider? TimeProvider { get; init; }
}
