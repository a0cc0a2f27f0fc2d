using System.Text;
using System.Text.Json;
using Junction.Protocol.OpenAI;
using Junction.Providers.Bedrock;

namespace Junction.Tests.Providers.Bedrock;

public sealed class BedrockConverseMapperTests
{
    private static ConverseRequest Converse(string json) => JsonSerializer.Deserialize(json, BedrockJsonContext.Default.ConverseRequest)!;

    [Fact]
    public void ToChatRequest_SystemMessagesAndInference_MapToOpenAIFields()
    {
        var request = BedrockConverseMapper.ToChatRequest(Converse("""
            {"system":[{"text":"be brief"},{"text":"be kind"}],
             "messages":[{"role":"user","content":[{"text":"hi"}]},{"role":"assistant","content":[{"text":"hello"}]},{"role":"user","content":[{"text":"again"}]}],
             "inferenceConfig":{"maxTokens":100,"temperature":0.5,"topP":0.9,"stopSequences":["END"]},
             "additionalModelRequestFields":{"top_k":40}}
            """), "demo");

        Assert.Equal("demo", request.Model);
        Assert.Equal(["system", "user", "assistant", "user"], request.Messages!.Select(m => m.Role));
        Assert.Equal("be brief\nbe kind", request.Messages![0].Content!.GetText());
        Assert.Equal((100, 0.5, 0.9), (request.MaxTokens!.Value, request.Temperature!.Value, request.TopP!.Value));
        Assert.Equal(["END"], request.Stop!.Values);
        Assert.Equal(40, request.Extra!["top_k"].GetInt32());
    }

    [Fact]
    public void ToChatRequest_ToolUseAndToolResult_BecomeToolCallsAndToolMessages()
    {
        var request = BedrockConverseMapper.ToChatRequest(Converse("""
            {"messages":[
              {"role":"user","content":[{"text":"weather?"}]},
              {"role":"assistant","content":[{"toolUse":{"toolUseId":"t1","name":"get_weather","input":{"city":"Paris"}}}]},
              {"role":"user","content":[{"toolResult":{"toolUseId":"t1","content":[{"json":{"temp":21}}]}},{"text":"thanks"}]}],
             "toolConfig":{"tools":[{"toolSpec":{"name":"get_weather","description":"Weather","inputSchema":{"json":{"type":"object"}}}}],"toolChoice":{"any":{}}}}
            """), "m");

        Assert.Equal(["user", "assistant", "tool", "user"], request.Messages!.Select(m => m.Role));
        var call = Assert.Single(request.Messages![1].ToolCalls!);
        Assert.Equal(("t1", "get_weather", """{"city":"Paris"}"""), (call.Id, call.Function!.Name, call.Function.Arguments));
        Assert.Null(request.Messages[1].Content);
        Assert.Equal(("t1", """{"temp":21}"""), (request.Messages[2].ToolCallId, request.Messages[2].Content!.GetText()));
        Assert.Equal("thanks", request.Messages[3].Content!.GetText());
        Assert.Equal("get_weather", Assert.Single(request.Tools!).Function!.Name);
        Assert.Equal("required", request.ToolChoice!.Mode);
    }

    [Fact]
    public void ToChatRequest_Image_BecomesDataUriPart()
    {
        var request = BedrockConverseMapper.ToChatRequest(Converse("""
            {"messages":[{"role":"user","content":[{"text":"what is this?"},{"image":{"format":"png","source":{"bytes":"iVBORw0K"}}}]}]}
            """), "m");

        var parts = request.Messages![0].Content!.Parts!;
        Assert.Equal("data:image/png;base64,iVBORw0K", parts[1].ImageUrl!.Url);
    }

    [Fact]
    public void ToChatRequest_NoMessages_Is400()
    {
        var ex = Assert.Throws<Junction.Resilience.JunctionException>(() => BedrockConverseMapper.ToChatRequest(Converse("""{"messages":[]}"""), "m"));
        Assert.Equal(400, ex.Error.Status);
    }

    [Theory]
    [InlineData("stop", "end_turn")]
    [InlineData("length", "max_tokens")]
    [InlineData("tool_calls", "tool_use")]
    [InlineData("content_filter", "content_filtered")]
    [InlineData(null, "end_turn")]
    public void ToStopReason_MapsOpenAIFinishReasons(string? finish, string expected) =>
        Assert.Equal(expected, BedrockConverseMapper.ToStopReason(finish));

    [Fact]
    public void FromChatResponse_TextToolCallsAndUsage()
    {
        var response = new ChatCompletionResponse
        {
            Choices =
            [
                new ChatChoice
                {
                    FinishReason = "tool_calls",
                    Message = new ChatResponseMessage
                    {
                        Content = "checking",
                        ToolCalls = [new ToolCall { Id = "c1", Function = new FunctionCall { Name = "f", Arguments = """{"a":1}""" } },
                            new ToolCall { Id = "c2", Function = new FunctionCall { Name = "g", Arguments = "not json" } }],
                    },
                },
            ],
            Usage = new Usage { PromptTokens = 5, CompletionTokens = 7, TotalTokens = 12 },
        };

        var json = JsonSerializer.Serialize(BedrockConverseMapper.FromChatResponse(response, 30), BedrockJsonContext.Default.ConverseResponse);

        Assert.Equal("""{"output":{"message":{"role":"assistant","content":[{"text":"checking"},{"toolUse":{"toolUseId":"c1","name":"f","input":{"a":1}}},{"toolUse":{"toolUseId":"c2","name":"g","input":{"arguments":"not json"}}}]}},"stopReason":"tool_use","usage":{"inputTokens":5,"outputTokens":7,"totalTokens":12},"metrics":{"latencyMs":30}}""", json);
    }

    [Fact]
    public void ConverseStreamMapper_TextThenTool_EventsInBedrockOrder_UsageInMetadata()
    {
        var mapper = new BedrockConverseStreamMapper();
        var events = new List<(string Type, byte[] Payload)>();
        events.AddRange(mapper.OnChunk(Chunk(new ChatDelta { Role = "assistant", Content = "" })));
        events.AddRange(mapper.OnChunk(Chunk(new ChatDelta { Content = "Let me " })));
        events.AddRange(mapper.OnChunk(Chunk(new ChatDelta { Content = "check." })));
        events.AddRange(mapper.OnChunk(Chunk(new ChatDelta { ToolCalls = [new ToolCall { Index = 0, Id = "c1", Function = new FunctionCall { Name = "f", Arguments = "" } }] })));
        events.AddRange(mapper.OnChunk(Chunk(new ChatDelta { ToolCalls = [new ToolCall { Index = 0, Function = new FunctionCall { Arguments = """{"a":1}""" } }] })));
        var stop = Chunk(new ChatDelta());
        stop.Choices[0].FinishReason = "tool_calls";
        events.AddRange(mapper.OnChunk(stop));
        events.AddRange(mapper.OnChunk(new ChatCompletionChunk { Choices = [], Usage = new Usage { PromptTokens = 3, CompletionTokens = 4, TotalTokens = 7 } }));
        events.AddRange(mapper.Finish(25));

        Assert.Equal(["messageStart", "contentBlockDelta", "contentBlockDelta", "contentBlockStop", "contentBlockStart", "contentBlockDelta",
            "contentBlockStop", "messageStop", "metadata"], events.Select(e => e.Type));
        Assert.Equal("""{"contentBlockIndex":1,"start":{"toolUse":{"toolUseId":"c1","name":"f"}}}""", Encoding.UTF8.GetString(events[4].Payload));
        Assert.Equal("""{"contentBlockIndex":1,"delta":{"toolUse":{"input":"{\u0022a\u0022:1}"}}}""", Encoding.UTF8.GetString(events[5].Payload));
        Assert.Equal("""{"stopReason":"tool_use"}""", Encoding.UTF8.GetString(events[7].Payload));
        Assert.Equal("""{"usage":{"inputTokens":3,"outputTokens":4,"totalTokens":7},"metrics":{"latencyMs":25}}""", Encoding.UTF8.GetString(events[8].Payload));
    }

    private static ChatCompletionChunk Chunk(ChatDelta delta) => new() { Choices = [new ChunkChoice { Delta = delta }] };
}
