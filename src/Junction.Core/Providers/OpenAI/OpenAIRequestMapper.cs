using System.Text.Json;
using Junction.Protocol.OpenAI;

namespace Junction.Providers.OpenAI;

/// <summary>
/// Pure mapping of client requests to an OpenAI-compatible upstream: only the model is rewritten (public
/// name to upstream id) and streams always ask for usage; every other field, known or not, goes on unchanged.
/// </summary>
internal static class OpenAIRequestMapper
{
    public static byte[] ToChatBody(ChatCompletionRequest request, string upstreamModel, bool stream)
    {
        var upstream = request.ShallowCopy();
        upstream.Model = upstreamModel;
        if (stream)
        {
            upstream.Stream = true;
            upstream.StreamOptions = WithUsage(request.StreamOptions);
        }

        return JsonSerializer.SerializeToUtf8Bytes(upstream, OpenAIJsonContext.Wire.ChatCompletionRequest);
    }

    public static byte[] ToCompletionBody(CompletionRequest request, string upstreamModel, bool stream)
    {
        var upstream = request.ShallowCopy();
        upstream.Model = upstreamModel;
        if (stream)
        {
            upstream.Stream = true;
            upstream.StreamOptions = WithUsage(request.StreamOptions);
        }

        return JsonSerializer.SerializeToUtf8Bytes(upstream, OpenAIJsonContext.Wire.CompletionRequest);
    }

    public static byte[] ToEmbeddingBody(EmbeddingRequest request, string upstreamModel)
    {
        var upstream = request.ShallowCopy();
        upstream.Model = upstreamModel;
        return JsonSerializer.SerializeToUtf8Bytes(upstream, OpenAIJsonContext.Wire.EmbeddingRequest);
    }

    private static StreamOptions WithUsage(StreamOptions? client) =>
        new() { IncludeUsage = true, Extra = client?.Extra };
}
