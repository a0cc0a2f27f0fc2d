using System.Text.Json;
using Junction.Protocol.OpenAI;
using Microsoft.Extensions.AI;

namespace Junction.Extensions.AI.Tests;

public sealed class ChatStreamMapperTests
{
    private static ChatCompletionChunk Chunk(string json) =>
        JsonSerializer.Deserialize(json, OpenAIJsonContext.Wire.ChatCompletionChunk)!;

    [Fact]
    public void Map_TextDeltasFinishAndUsage_CoalesceIntoOneResponse()
    {
        var mapper = new ChatStreamMapper();
        var updates = new List<ChatResponseUpdate>
        {
            mapper.Map(Chunk("""{"id":"s1","object":"chat.completion.chunk","created":1700000000,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}""")),
            mapper.Map(Chunk("""{"id":"s1","object":"chat.completion.chunk","created":1700000000,"model":"m","choices":[{"index":0,"delta":{"content":"Hel"},"finish_reason":null}]}""")),
            mapper.Map(Chunk("""{"id":"s1","object":"chat.completion.chunk","created":1700000000,"model":"m","choices":[{"index":0,"delta":{"content":"lo"},"finish_reason":"stop"}]}""")),
            mapper.Map(Chunk("""{"id":"s1","object":"chat.completion.chunk","created":1700000000,"model":"m","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":2,"total_tokens":5}}""")),
        };
        Assert.Null(mapper.Flush());

        var response = updates.ToChatResponse();

        Assert.Equal("Hello", response.Text);
        Assert.Single(response.Messages);
        Assert.Equal("s1", response.ResponseId);
        Assert.Equal("m", response.ModelId);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(5, response.Usage!.TotalTokenCount);
        Assert.Equal(3, response.Usage.InputTokenCount);
    }

    [Fact]
    public void Map_ToolCallFragments_AreAssembledByIndexAndEmittedAtFinish()
    {
        var mapper = new ChatStreamMapper();
        var updates = new List<ChatResponseUpdate>
        {
            mapper.Map(Chunk("""{"id":"s","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","tool_calls":[{"index":0,"id":"call_0","type":"function","function":{"name":"a","arguments":""}}]},"finish_reason":null}]}""")),
            mapper.Map(Chunk("""{"id":"s","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"call_1","type":"function","function":{"name":"b","arguments":"{\"y\":"}}]},"finish_reason":null}]}""")),
            mapper.Map(Chunk("""{"id":"s","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"x\":"}}]},"finish_reason":null}]}""")),
            mapper.Map(Chunk("""{"id":"s","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"v\"}"}},{"index":1,"function":{"arguments":"2}"}}]},"finish_reason":null}]}""")),
        };
        Assert.All(updates, u => Assert.Empty(u.Contents.OfType<FunctionCallContent>()));

        var last = mapper.Map(Chunk("""{"id":"s","created":1,"model":"m","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}"""));

        var calls = last.Contents.OfType<FunctionCallContent>().ToList();
        Assert.Equal(["call_0", "call_1"], calls.Select(c => c.CallId));
        Assert.Equal(["a", "b"], calls.Select(c => c.Name));
        Assert.Equal("v", calls[0].Arguments!["x"]!.ToString());
        Assert.Equal("2", calls[1].Arguments!["y"]!.ToString());
        Assert.Equal(ChatFinishReason.ToolCalls, last.FinishReason);
        Assert.Null(mapper.Flush());
    }

    [Fact]
    public void Flush_StreamEndedWithoutFinishReason_EmitsPendingCalls()
    {
        var mapper = new ChatStreamMapper();
        mapper.Map(Chunk("""{"id":"s","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"c","function":{"name":"f","arguments":"{}"}}]},"finish_reason":null}]}"""));

        var flushed = mapper.Flush();

        Assert.Equal("c", Assert.IsType<FunctionCallContent>(Assert.Single(flushed!.Contents)).CallId);
        Assert.Equal("s", flushed.ResponseId);
    }

    [Fact]
    public void Map_OtherChoices_AreIgnored()
    {
        var update = new ChatStreamMapper().Map(Chunk("""{"id":"s","created":1,"model":"m","choices":[{"index":1,"delta":{"content":"second"},"finish_reason":null}]}"""));
        Assert.Empty(update.Contents);
    }
}
