using System.Text.Json;
using Junction.Protocol.OpenAI;

namespace Junction.Providers.OpenAI;

/// <summary>
/// Pure mapping of client requests to an OpenAI-compatible upstream: only the model is rewritten (public
/// name to upstream id) and streams always ask for usage; every other field, known or not, goes on unchanged.
/// </summary>
internal static class OpenAIRequestMapper
{
    /// <param name="request">The client's request.</param>
    /// <param name="upstreamModel">The model id to send.</param>
    /// <param name="stream">Whether to stream.</param>
    /// <param name="askUsage">For streams: ask for the final usage chunk (false for upstreams that reject <c>stream_options</c>).</param>
    public static byte[] ToChatBody(ChatCompletionRequest request, string upstreamModel, bool stream, bool askUsage = true)
    {
        var upstream = request.ShallowCopy();
        upstream.Model = upstreamModel;
        if (stream)
        {
            upstream.Stream = true;
            upstream.StreamOptions = askUsage ? WithUsage(request.StreamOptions) : request.StreamOptions;
        }

        return JsonSerializer.SerializeToUtf8Bytes(upstream, OpenAIJsonContext.Wire.ChatCompletionRequest);
    }

    public static byte[] ToCompletionBody(CompletionRequest request, string upstreamModel, bool stream, bool askUsage = true)
    {
        var upstream = request.ShallowCopy();
        upstream.Model = upstreamModel;
        if (stream)
        {
            upstream.Stream = true;
            upstream.StreamOptions = askUsage ? WithUsage(request.StreamOptions) : request.StreamOptions;
        }

        return JsonSerializer.SerializeToUtf8Bytes(upstream, OpenAIJsonContext.Wire.CompletionRequest);
    }

    public static byte[] ToEmbeddingBody(EmbeddingRequest request, string upstreamModel)
    {
        var upstream = request.ShallowCopy();
        upstream.Model = upstreamModel;
        return JsonSerializer.SerializeToUtf8Bytes(upstream, OpenAIJsonContext.Wire.EmbeddingRequest);
    }

    public static byte[] ToImageBody(ImageGenerationRequest request, string? upstreamModel) =>
        JsonSerializer.SerializeToUtf8Bytes(WithModel(request, upstreamModel), OpenAIJsonContext.Wire.ImageGenerationRequest);

    /// <summary>A copy of the image request with <c>model</c> replaced (or removed, when <paramref name="model"/> is null).</summary>
    public static ImageGenerationRequest WithModel(ImageGenerationRequest request, string? model) => new()
    {
        Model = model,
        Prompt = request.Prompt,
        N = request.N,
        Size = request.Size,
        Quality = request.Quality,
        Style = request.Style,
        ResponseFormat = request.ResponseFormat,
        User = request.User,
        Background = request.Background,
        OutputFormat = request.OutputFormat,
        Extra = request.Extra,
    };

    private static StreamOptions WithUsage(StreamOptions? client) =>
        new() { IncludeUsage = true, Extra = client?.Extra };
}
