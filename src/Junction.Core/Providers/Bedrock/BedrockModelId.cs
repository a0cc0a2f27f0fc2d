namespace Junction.Providers.Bedrock;

/// <summary>
/// Reads the base model out of a Bedrock model id. Cross-region inference profile ids carry a geography prefix
/// (<c>us.</c>, <c>eu.</c>, <c>apac.</c>, <c>global.</c>, <c>us-gov.</c>, <c>jp.</c>, <c>au.</c>) that is stripped.
/// ARNs are read by resource type: <c>foundation-model/ID</c> and <c>inference-profile/PREFIX.ID</c> give the model
/// id; other ARNs (<c>application-inference-profile/</c>, <c>provisioned-model/</c>, <c>custom-model/</c>,
/// <c>imported-model/</c>) are opaque, so their family is <see cref="BedrockModelFamily.Unknown"/> and a deployment
/// using one must name its family explicitly.
/// </summary>
internal static class BedrockModelId
{
    private static readonly string[] GeographyPrefixes = ["us-gov.", "us.", "eu.", "apac.", "global.", "jp.", "au."];

    /// <summary>The base model id (<c>amazon.titan-embed-text-v2:0</c>), or null for an opaque ARN.</summary>
    public static string? BaseModelId(string modelId)
    {
        ArgumentNullException.ThrowIfNull(modelId);
        var id = modelId.Trim();
        if (id.StartsWith("arn:", StringComparison.OrdinalIgnoreCase))
        {
            // arn:partition:service:region:account:resource — the resource may itself contain ':' (":0" versions).
            var parts = id.Split(':', 6);
            if (parts.Length < 6)
            {
                return null;
            }

            var slash = parts[5].IndexOf('/', StringComparison.Ordinal);
            if (slash < 0)
            {
                return null;
            }

            var resourceType = parts[5][..slash];
            id = parts[5][(slash + 1)..];
            if (resourceType is not ("foundation-model" or "inference-profile"))
            {
                return null;
            }
        }

        foreach (var prefix in GeographyPrefixes)
        {
            if (id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return id[prefix.Length..];
            }
        }

        return id;
    }

    public static BedrockModelFamily Family(string modelId)
    {
        var id = BaseModelId(modelId);
        if (id is null)
        {
            return BedrockModelFamily.Unknown;
        }

        return id switch
        {
            _ when Starts(id, "amazon.titan-embed-text-v2") => BedrockModelFamily.TitanEmbedV2,
            _ when Starts(id, "amazon.titan-embed-text-v1") || Starts(id, "amazon.titan-embed-g1-text") => BedrockModelFamily.TitanEmbedV1,
            _ when Starts(id, "cohere.embed-") => BedrockModelFamily.CohereEmbed,
            _ when Starts(id, "amazon.titan-image-generator-") || Starts(id, "amazon.nova-canvas-") => BedrockModelFamily.TitanImage,
            _ when Starts(id, "stability.stable-diffusion-xl") => BedrockModelFamily.StabilitySdxl,
            _ when Starts(id, "stability.sd3") || Starts(id, "stability.stable-image-") => BedrockModelFamily.StabilityStableImage,
            _ => BedrockModelFamily.Unknown,
        };
    }

    private static bool Starts(string id, string prefix) => id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);
}
