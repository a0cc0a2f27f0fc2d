using Junction.Configuration;

namespace Junction.Providers.Bedrock;

/// <summary>
/// What the Bedrock adapter derives once per deployment: the operation URIs, the signing region, the InvokeModel
/// family, the mapping policy and how to authenticate. The model id is one escaped path segment (<c>:</c> →
/// <c>%3A</c>, <c>/</c> → <c>%2F</c>); <see cref="Uri"/> keeps that escaping, so the path HttpClient sends is the
/// one <see cref="SigV4Signer"/> signs (encoding it once more: <c>%253A</c>).
/// </summary>
internal sealed class BedrockDeploymentSettings
{
    public const string ConverseOperation = "converse";
    public const string ConverseStreamOperation = "converse-stream";
    public const string InvokeOperation = "invoke";
    public const string InvokeStreamOperation = "invoke-with-response-stream";

    private readonly string _root;

    private BedrockDeploymentSettings(string root, string region, string modelId, BedrockModelFamily family,
        BedrockMappingOptions mapping, string? bearerToken, AwsCredentials? staticCredentials)
    {
        _root = root;
        Region = region;
        ModelId = modelId;
        Family = family;
        Mapping = mapping;
        BearerToken = bearerToken;
        StaticCredentials = staticCredentials;
        Converse = Operation(ConverseOperation);
        ConverseStream = Operation(ConverseStreamOperation);
        Invoke = Operation(InvokeOperation);
    }

    /// <summary>The SigV4 signing region.</summary>
    public string Region { get; }

    /// <summary>The upstream model id, inference profile id or ARN, unescaped.</summary>
    public string ModelId { get; }

    /// <summary>The InvokeModel dialect: <c>model_family</c> when set, else read from the model id.</summary>
    public BedrockModelFamily Family { get; }

    public BedrockMappingOptions Mapping { get; }

    /// <summary>A Bedrock API key (<c>api_key</c>), sent as <c>Authorization: Bearer</c> with no SigV4; null for IAM auth.</summary>
    public string? BearerToken { get; }

    /// <summary>Keys from config; null (with no bearer token) means the AWS default credential chain.</summary>
    public AwsCredentials? StaticCredentials { get; }

    public Uri Converse { get; }

    public Uri ConverseStream { get; }

    public Uri Invoke { get; }

    /// <summary><c>{endpoint}/model/{escaped model id}/{operation}</c>.</summary>
    public Uri Operation(string operation) => new(_root + operation, UriKind.Absolute);

    public static BedrockDeploymentSettings From(DeploymentOptions options)
    {
        var region = options.Region ?? throw new InvalidOperationException("A Bedrock deployment needs a region (validated at load).");
        var modelId = options.Model ?? throw new InvalidOperationException("A Bedrock deployment needs a model (validated at load).");
        var endpoint = (options.Endpoint ?? DefaultEndpoint(region)).TrimEnd('/');
        var family = options.ModelFamily is { } name && BedrockModelFamilyNames.All.TryGetValue(name, out var named)
            ? named
            : BedrockModelId.Family(modelId);
        var mapping = new BedrockMappingOptions
        {
            DropUnsupportedParams = options.DropUnsupportedParams ?? false,
            DefaultMaxTokens = options.MaxTokensDefault,
        };
        var credentials = options.AccessKeyId is { } keyId && options.SecretAccessKey is { } secret
            ? new AwsCredentials(keyId, secret, options.SessionToken)
            : null;
        return new BedrockDeploymentSettings($"{endpoint}/model/{EscapeModelId(modelId)}/", region, modelId, family, mapping,
            options.ApiKey, credentials);
    }

    /// <summary>
    /// The regional Bedrock Runtime endpoint: <c>https://bedrock-runtime.{region}.amazonaws.com</c>, or
    /// <c>.amazonaws.com.cn</c> in the China partition (regions <c>cn-*</c>), as in botocore's endpoint data.
    /// </summary>
    public static string DefaultEndpoint(string region) =>
        region.StartsWith("cn-", StringComparison.Ordinal)
            ? $"https://bedrock-runtime.{region}.amazonaws.com.cn"
            : $"https://bedrock-runtime.{region}.amazonaws.com";

    /// <summary>The model id as one path segment: every character but RFC 3986 unreserved ones is percent-encoded.</summary>
    public static string EscapeModelId(string modelId) => Uri.EscapeDataString(modelId);
}
