using Junction.Configuration;
using Junction.Protocol.OpenAI;
using Junction.Providers.OpenAI;

namespace Junction.Providers.Azure;

/// <summary>
/// Pure mapping of client requests to Azure OpenAI bodies. The body keeps every field (Azure's <c>data_sources</c>
/// included); <c>model</c> becomes the Azure deployment name, which the v1 API requires and dated api-versions ignore.
/// Streams ask for usage only on api-versions that know <c>stream_options</c> (v1, preview, and 2024-09-01 or later):
/// older ones reject unknown parameters.
/// </summary>
internal static class AzureRequestMapper
{
    /// <summary>The first dated api-version that accepts <c>stream_options</c>.</summary>
    private const string FirstStreamOptionsVersion = "2024-09-01";

    public static byte[] ToChatBody(ChatCompletionRequest request, string deploymentName, string apiVersion, bool stream) =>
        OpenAIRequestMapper.ToChatBody(request, deploymentName, stream, SupportsStreamUsage(apiVersion));

    public static byte[] ToCompletionBody(CompletionRequest request, string deploymentName, string apiVersion, bool stream) =>
        OpenAIRequestMapper.ToCompletionBody(request, deploymentName, stream, SupportsStreamUsage(apiVersion));

    public static byte[] ToEmbeddingBody(EmbeddingRequest request, string deploymentName) =>
        OpenAIRequestMapper.ToEmbeddingBody(request, deploymentName);

    public static byte[] ToImageBody(ImageGenerationRequest request, string deploymentName) =>
        OpenAIRequestMapper.ToImageBody(request, deploymentName);

    /// <summary>The <c>model</c> form field of an audio upload: the deployment name on v1, none on dated versions.</summary>
    public static string? ToTranscriptionModel(string deploymentName, string apiVersion) =>
        AzureApiVersion.IsV1(apiVersion) ? deploymentName : null;

    /// <summary>Whether the api-version accepts <c>stream_options.include_usage</c>.</summary>
    public static bool SupportsStreamUsage(string apiVersion) =>
        AzureApiVersion.IsV1(apiVersion) || string.CompareOrdinal(apiVersion, FirstStreamOptionsVersion) >= 0;
}
