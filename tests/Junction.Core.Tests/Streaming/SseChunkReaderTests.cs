using System.Text;
using System.Text.Json;
using Junction.Protocol.OpenAI;
using Junction.Resilience;
using Junction.Streaming;

namespace Junction.Tests.Streaming;

public class SseChunkReaderTests
{
    private static async Task<List<ChatCompletionChunk>> ReadAsync(string sse)
    {
        var list = new List<ChatCompletionChunk>();
        await foreach (var chunk in SseChunkReader.ReadAsync(
            new MemoryStream(Encoding.UTF8.GetBytes(sse)), OpenAIJsonContext.Wire.ChatCompletionChunk,
            c => c.Extra is { } e && e.TryGetValue("error", out var err) ? err : null,
            err => new JunctionError(502, JunctionErrorKind.ServerError, "server_error", err.GetProperty("message").GetString()!),
            ex => new JunctionException(new JunctionError(502, JunctionErrorKind.Unavailable, "upstream_error", "broken"), ex),
            CancellationToken.None))
        {
            list.Add(chunk);
        }

        return list;
    }

    [Fact]
    public async Task ReadAsync_ParsesTheReferenceParallelToolStream()
    {
        var sse = await File.ReadAllTextAsync(TestSupport.ReferenceFiles.Path("examples", "openai-chat-stream-parallel-tools.sse"), TestContext.Current.CancellationToken);
        var chunks = await ReadAsync(sse);
        Assert.NotEmpty(chunks);
        Assert.True(chunks[^1].IsUsageOnly);
        var names = chunks.SelectMany(c => c.Choices).SelectMany(c => c.Delta.ToolCalls ?? []).Where(t => t.Function?.Name is not null).Select(t => t.Index).ToList();
        Assert.Equal([0, 1], names);
    }

    [Fact]
    public async Task ReadAsync_ErrorEvent_Throws() =>
        await Assert.ThrowsAsync<JunctionException>(() => ReadAsync("data: {\"id\":\"a\",\"choices\":[]}\n\ndata: {\"error\":{\"message\":\"boom\"}}\n\n"));

    [Fact]
    public async Task ReadAsync_EndWithoutDone_Throws()
    {
        var ex = await Assert.ThrowsAsync<JunctionException>(() => ReadAsync("data: {\"id\":\"a\",\"choices\":[]}\n\n"));
        Assert.Equal("broken", ex.Error.Message);
    }

    [Fact]
    public async Task ReadAsync_CommentsAndMultiByteText_AreHandled()
    {
        var chunks = await ReadAsync(": keep-alive\n\ndata: {\"id\":\"a\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"h\u00e9llo \u4e16\u754c\"}}]}\n\ndata: [DONE]\n\n");
        Assert.Equal("h\u00e9llo \u4e16\u754c", Assert.Single(chunks).Choices[0].Delta.Content);
    }

    [Fact]
    public async Task ReadAsync_InvalidJson_ThrowsBroken() =>
        await Assert.ThrowsAsync<JunctionException>(() => ReadAsync("data: {not json\n\ndata: [DONE]\n\n"));

    [Fact]
    public void ChunkRoundTrip_KeepsAzureFilterFields()
    {
        const string json = """{"id":"x","object":"chat.completion.chunk","created":1,"model":"","choices":[],"prompt_filter_results":[{"prompt_index":0,"content_filter_results":{}}]}""";
        var chunk = JsonSerializer.Deserialize(json, OpenAIJsonContext.Wire.ChatCompletionChunk)!;
        var back = JsonSerializer.Serialize(chunk, OpenAIJsonContext.Wire.ChatCompletionChunk);
        Assert.Contains("\"prompt_filter_results\"", back, StringComparison.Ordinal);
        Assert.Contains("\"choices\":[]", back, StringComparison.Ordinal);
    }
}
