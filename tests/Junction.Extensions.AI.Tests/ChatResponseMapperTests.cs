using System.Text.Json;
using Junction.Protocol.OpenAI;
using Junction.Routing;
using Microsoft.Extensions.AI;

namespace Junction.Extensions.AI.Tests;

public sealed class ChatResponseMapperTests
{
    private static ChatCompletionResponse Parse(string json) =>
        JsonSerializer.Deserialize(json, OpenAIJsonContext.Wire.ChatCompletionResponse)!;

    [Fact]
    public void ToChatResponse_Text_MapsIdsModelFinishUsageAndRaw()
    {
        var wire = Parse("""
            {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"gpt-4o-2024",
             "choices":[{"index":0,"message":{"role":"assistant","content":"hello"},"finish_reason":"length"}],
             "usage":{"prompt_tokens":5,"completion_tokens":7,"total_tokens":12,
                      "prompt_tokens_details":{"cached_tokens":2},"completion_tokens_details":{"reasoning_tokens":3}}}
            """);

        var response = ChatResponseMapper.ToChatResponse(wire, new RequestContext("req_1"));

        Assert.Equal("hello", response.Text);
        Assert.Equal("chatcmpl-1", response.ResponseId);
        Assert.Equal("gpt-4o-2024", response.ModelId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000), response.CreatedAt);
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.Equal(ChatRole.Assistant, response.Messages[0].Role);
        Assert.Equal(5, response.Usage!.InputTokenCount);
        Assert.Equal(7, response.Usage.OutputTokenCount);
        Assert.Equal(12, response.Usage.TotalTokenCount);
        Assert.Equal(2, response.Usage.CachedInputTokenCount);
        Assert.Equal(3, response.Usage.ReasoningTokenCount);
        Assert.Same(wire, response.RawRepresentation);
        Assert.Equal("req_1", response.AdditionalProperties![JunctionPropertyNames.RequestId]);
        Assert.Equal(0, response.AdditionalProperties[JunctionPropertyNames.Attempts]);
        Assert.False(response.AdditionalProperties.ContainsKey(JunctionPropertyNames.Cost));
    }

    [Fact]
    public void ToChatResponse_ToolCalls_BecomeFunctionCallContents()
    {
        var wire = Parse("""
            {"id":"c","object":"chat.completion","created":1,"model":"m",
             "choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[
               {"id":"call_a","type":"function","function":{"name":"f","arguments":"{\"x\":1}"}},
               {"id":"call_b","type":"function","function":{"name":"g","arguments":"not json"}}]},"finish_reason":"tool_calls"}]}
            """);

        var response = ChatResponseMapper.ToChatResponse(wire, null);

        var calls = response.Messages[0].Contents.OfType<FunctionCallContent>().ToList();
        Assert.Equal(2, calls.Count);
        Assert.Equal(("call_a", "f", "1"), (calls[0].CallId, calls[0].Name, calls[0].Arguments!["x"]!.ToString()));
        Assert.NotNull(calls[1].Exception);
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        Assert.Null(response.Usage);
        Assert.Null(response.AdditionalProperties);
    }

    [Theory]
    [InlineData("stop", "stop")]
    [InlineData("length", "length")]
    [InlineData("tool_calls", "tool_calls")]
    [InlineData("function_call", "tool_calls")]
    [InlineData("content_filter", "content_filter")]
    [InlineData("something_new", "something_new")]
    public void ToFinishReason_KnownAndUnknown_Map(string wire, string expected) =>
        Assert.Equal(expected, ChatResponseMapper.ToFinishReason(wire)!.Value.Value);

    [Fact]
    public void ToChatResponse_Refusal_BecomesErrorContent()
    {
        var wire = Parse("""{"id":"c","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":null,"refusal":"no"},"finish_reason":"stop"}]}""");
        var error = Assert.IsType<ErrorContent>(Assert.Single(ChatResponseMapper.ToChatResponse(wire, null).Messages[0].Contents));
        Assert.Equal(("no", "refusal"), (error.Message, error.ErrorCode));
    }
}
