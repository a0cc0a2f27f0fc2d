namespace Junction.Providers.Bedrock;

/// <summary>The InvokeModel body dialect of a Bedrock model (Converse needs none: it is model-neutral).</summary>
internal enum BedrockModelFamily
{
    /// <summary>Not recognised from the id (e.g. an application inference profile or provisioned model ARN).</summary>
    Unknown,

    /// <summary><c>amazon.titan-embed-text-v1</c> (and the older <c>amazon.titan-embed-g1-text-*</c>): <c>inputText</c> only.</summary>
    TitanEmbedV1,

    /// <summary><c>amazon.titan-embed-text-v2:0</c>: <c>inputText</c>, <c>dimensions</c>, <c>normalize</c>, <c>embeddingTypes</c>.</summary>
    TitanEmbedV2,

    /// <summary><c>cohere.embed-*</c>: batched <c>texts</c> with <c>input_type</c>.</summary>
    CohereEmbed,

    /// <summary><c>amazon.titan-image-generator-*</c> and <c>amazon.nova-canvas-*</c>: <c>taskType</c> TEXT_IMAGE.</summary>
    TitanImage,

    /// <summary><c>stability.stable-diffusion-xl-*</c>: <c>text_prompts</c>.</summary>
    StabilitySdxl,

    /// <summary><c>stability.sd3-*</c> and <c>stability.stable-image-*</c>: <c>prompt</c>, <c>aspect_ratio</c>.</summary>
    StabilityStableImage,
}
