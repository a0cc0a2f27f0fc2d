using System.Collections.Frozen;

namespace Junction.Providers.Bedrock;

/// <summary>The values of a Bedrock deployment's <c>model_family</c> key, for model ids that do not show their family (ARNs).</summary>
internal static class BedrockModelFamilyNames
{
    public const string TitanEmbedV1 = "titan-embed-v1";
    public const string TitanEmbedV2 = "titan-embed-v2";
    public const string CohereEmbed = "cohere-embed";
    public const string TitanImage = "titan-image";
    public const string StabilitySdxl = "stability-sdxl";
    public const string StabilityImage = "stability-image";

    public static readonly FrozenDictionary<string, BedrockModelFamily> All = new Dictionary<string, BedrockModelFamily>(StringComparer.Ordinal)
    {
        [TitanEmbedV1] = BedrockModelFamily.TitanEmbedV1,
        [TitanEmbedV2] = BedrockModelFamily.TitanEmbedV2,
        [CohereEmbed] = BedrockModelFamily.CohereEmbed,
        [TitanImage] = BedrockModelFamily.TitanImage,
        [StabilitySdxl] = BedrockModelFamily.StabilitySdxl,
        [StabilityImage] = BedrockModelFamily.StabilityStableImage,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The names, sorted and comma-separated, for error messages.</summary>
    public static string Known => string.Join(", ", All.Keys.Order(StringComparer.Ordinal));
}
