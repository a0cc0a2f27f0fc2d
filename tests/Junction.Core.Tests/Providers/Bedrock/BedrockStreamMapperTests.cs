using System.Buffers;
using System.Text;
using System.Text.Json;
using Junction.Protocol.OpenAI;
using Junction.Providers.Bedrock;
using Junction.Resilience;
using static Junction.Tests.Providers.Bedrock.BedrockJson;

namespace Junction.Tests.Providers.Bedrock;

public class BedrockStreamMapperTests
{
    private static BedrockStreamMapper NewMapper() => new("chatcmpl-x", 1700000000, "my-model", "bedrock-east", "req-1");

    private static List<ChatCompletionChunk> Feed(BedrockStreamMapper mapper, params (string Type, string Json)[] events) =>
        [.. events.SelectMany(e => mapper.OnEvent(e.Type, Encoding.UTF8.GetBytes(e.Json)))];

    private static string Json(ChatCompletionChunk chunk) => JsonSerializer.Serialize(chunk, OpenAIJsonContext.Wire.ChatCompletionChunk);

    private static void AssertChunks(IEnumerable<ChatCompletionChunk> chunks, params string[] expectedChoicesOrUsage)
    {
        var list = chunks.ToList();
        Assert.Equal(expectedChoicesOrUsage.Length, list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            var node = Node(list[i], OpenAIJsonContext.Wire.ChatCompletionChunk);
            AssertJsonEqual(expectedChoicesOrUsage[i], list[i].IsUsageOnly ? node["usage"] : node["choices"]);
        }
    }

    private const string RoleChunk = """[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]""";

    [Fact]
    public void OnMessage_ConcatenatedReferenceStream_MapsEveryFrameThenThrowsOnThrottling()
    {
        var buffer = new ReadOnlySequence<byte>(EventStreamVectors.ConcatenatedStream());
        var mapper = NewMapper();
        var chunks = new List<ChatCompletionChunk>();
        JunctionException? failure = null;
        while (EventStreamReader.TryReadMessage(ref buffer, out var message))
        {
            try
            {
                chunks.AddRange(mapper.OnMessage(message));
            }
            catch (JunctionException ex)
            {
                failure = ex;
                break;
            }
        }

        AssertChunks(chunks,
            RoleChunk,
            """[{"index":0,"delta":{"content":"Hello"},"finish_reason":null}]""",
            """[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"tooluse_abc123","type":"function","function":{"name":"get_weather","arguments":""}}]},"finish_reason":null}]""",
            """[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":\"Par"}}]},"finish_reason":null}]""",
            """[{"index":0,"delta":{"reasoning_content":"Let me think"},"finish_reason":null}]""",
            """[{"index":0,"delta":{},"finish_reason":"tool_calls"}]""",
            """{"prompt_tokens":25,"completion_tokens":12,"total_tokens":37}""");
        Assert.NotNull(failure);
        Assert.Equal(429, failure.Error.Status);
        Assert.Equal(JunctionErrorKind.RateLimited, failure.Error.Kind);
        Assert.Equal("Too many tokens, please wait before trying again.", failure.Error.Message);
        Assert.Equal("req-1", failure.Error.UpstreamRequestId);
        Assert.Equal("bedrock-east", failure.Error.Deployment);
        Assert.Equal("tool_calls", mapper.FinishReason);
        Assert.Equal(37, mapper.Usage!.TotalTokens);
        Assert.All(chunks, c => Assert.Equal(("chatcmpl-x", 1700000000L, "my-model"), (c.Id, c.Created, c.Model)));
    }

    [Fact]
    public void OnMessage_ModelStreamErrorFrame_ThrowsServerError()
    {
        var message = ReadFrame(EventStreamVectors.BedrockFrame("converse_exception_modelStreamError"));

        var error = Assert.Throws<JunctionException>(() => NewMapper().OnMessage(message)).Error;

        Assert.Equal((502, JunctionErrorKind.ServerError, "bedrock"), (error.Status, error.Kind, error.Provider));
        Assert.Equal("Model stream error", error.Message);
    }

    [Fact]
    public void OnMessage_ErrorFrame_ThrowsServerErrorWithErrorMessage()
    {
        var message = ReadFrame(EventStreamVectors.BedrockFrame("error_frame_internal"));

        var error = Assert.Throws<JunctionException>(() => NewMapper().OnMessage(message)).Error;

        Assert.Equal(JunctionErrorKind.ServerError, error.Kind);
        Assert.Equal("An internal error occurred", error.Message);
    }

    [Fact]
    public void OnMessage_ValidationExceptionInputTooLong_ThrowsContextWindowExceeded()
    {
        var frame = EventStreamWriter.EncodeException("validationException", """{"message":"Input is too long for requested model."}"""u8);

        var error = Assert.Throws<JunctionException>(() => NewMapper().OnMessage(ReadFrame(frame))).Error;

        Assert.Equal((400, JunctionErrorKind.ContextWindowExceeded, "context_length_exceeded"), (error.Status, error.Kind, error.Code));
    }

    [Fact]
    public void OnEvent_TextWithoutMessageStartOrBlockStart_RoleChunkFirst()
    {
        var chunks = Feed(NewMapper(), ("contentBlockDelta", """{"contentBlockIndex":0,"delta":{"text":"Hi"}}"""),
            ("contentBlockDelta", """{"contentBlockIndex":0,"delta":{"text":" there"},"p":"abc"}"""));

        AssertChunks(chunks, RoleChunk,
            """[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]""",
            """[{"index":0,"delta":{"content":" there"},"finish_reason":null}]""");
    }

    [Fact]
    public void OnEvent_MessageStartTwice_OneRoleChunk()
    {
        var chunks = Feed(NewMapper(), ("messageStart", """{"role":"assistant"}"""), ("messageStart", """{"role":"assistant"}"""));

        AssertChunks(chunks, RoleChunk);
    }

    [Fact]
    public void OnEvent_MetadataAfterMessageStop_UsageOnlyChunkLast()
    {
        var chunks = Feed(NewMapper(),
            ("messageStart", """{"role":"assistant"}"""),
            ("contentBlockDelta", """{"contentBlockIndex":0,"delta":{"text":"ok"}}"""),
            ("contentBlockStop", """{"contentBlockIndex":0}"""),
            ("messageStop", """{"stopReason":"end_turn"}"""),
            ("metadata", """{"usage":{"inputTokens":5,"outputTokens":2,"totalTokens":7,"cacheReadInputTokens":3},"metrics":{"latencyMs":9}}"""));

        Assert.Equal(4, chunks.Count);
        Assert.Equal("stop", chunks[2].Choices[0].FinishReason);
        Assert.True(chunks[3].IsUsageOnly);
        Assert.Equal("""{"id":"chatcmpl-x","object":"chat.completion.chunk","created":1700000000,"model":"my-model","choices":[],"usage":{"prompt_tokens":8,"completion_tokens":2,"total_tokens":10,"prompt_tokens_details":{"cached_tokens":3}}}""",
            Json(chunks[3]));
    }

    [Fact]
    public void OnEvent_TwoParallelToolCalls_StableIndicesCountedOverToolBlocks()
    {
        var chunks = Feed(NewMapper(),
            ("messageStart", """{"role":"assistant"}"""),
            ("contentBlockDelta", """{"contentBlockIndex":0,"delta":{"text":"Checking."}}"""),
            ("contentBlockStart", """{"contentBlockIndex":1,"start":{"toolUse":{"toolUseId":"t1","name":"get_weather"}}}"""),
            ("contentBlockDelta", """{"contentBlockIndex":1,"delta":{"toolUse":{"input":"{\"city\":"}}}"""),
            ("contentBlockStart", """{"contentBlockIndex":3,"start":{"toolUse":{"toolUseId":"t2","name":"get_time"}}}"""),
            ("contentBlockDelta", """{"contentBlockIndex":3,"delta":{"toolUse":{"input":"{}"}}}"""),
            ("contentBlockDelta", """{"contentBlockIndex":1,"delta":{"toolUse":{"input":"\"Rome\"}"}}}"""),
            ("contentBlockStop", """{"contentBlockIndex":1}"""),
            ("messageStop", """{"stopReason":"tool_use"}"""));

        AssertChunks(chunks, RoleChunk,
            """[{"index":0,"delta":{"content":"Checking."},"finish_reason":null}]""",
            """[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"t1","type":"function","function":{"name":"get_weather","arguments":""}}]},"finish_reason":null}]""",
            """[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":"}}]},"finish_reason":null}]""",
            """[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"t2","type":"function","function":{"name":"get_time","arguments":""}}]},"finish_reason":null}]""",
            """[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"{}"}}]},"finish_reason":null}]""",
            """[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"Rome\"}"}}]},"finish_reason":null}]""",
            """[{"index":0,"delta":{},"finish_reason":"tool_calls"}]""");
    }

    [Fact]
    public void OnEvent_ToolDeltaWithoutStart_AllocatesIndexAtFirstFragment()
    {
        var chunks = Feed(NewMapper(), ("messageStart", "{}"), ("contentBlockDelta", """{"contentBlockIndex":2,"delta":{"toolUse":{"input":"{"}}}"""),
            ("contentBlockDelta", """{"contentBlockIndex":2,"delta":{"toolUse":{"input":"}"}}}"""));

        AssertChunks(chunks, RoleChunk,
            """[{"index":0,"delta":{"tool_calls":[{"index":0,"type":"function","function":{"arguments":"{"}}]},"finish_reason":null}]""",
            """[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"}"}}]},"finish_reason":null}]""");
    }

    [Fact]
    public void OnEvent_ReasoningSignatureAndRedacted_Dropped()
    {
        var chunks = Feed(NewMapper(), ("messageStart", "{}"),
            ("contentBlockDelta", """{"contentBlockIndex":0,"delta":{"reasoningContent":{"text":"hmm"}}}"""),
            ("contentBlockDelta", """{"contentBlockIndex":0,"delta":{"reasoningContent":{"signature":"sig"}}}"""),
            ("contentBlockDelta", """{"contentBlockIndex":0,"delta":{"reasoningContent":{"redactedContent":"AQ=="}}}"""));

        AssertChunks(chunks, RoleChunk, """[{"index":0,"delta":{"reasoning_content":"hmm"},"finish_reason":null}]""");
    }

    [Theory]
    [InlineData("end_turn", "stop")]
    [InlineData("stop_sequence", "stop")]
    [InlineData("max_tokens", "length")]
    [InlineData("model_context_window_exceeded", "length")]
    [InlineData("tool_use", "tool_calls")]
    [InlineData("guardrail_intervened", "content_filter")]
    [InlineData("content_filtered", "content_filter")]
    public void OnEvent_MessageStop_MappedFinishReason(string stopReason, string finishReason)
    {
        var chunks = Feed(NewMapper(), ("messageStart", "{}"), ("messageStop", $$"""{"stopReason":"{{stopReason}}","p":"x"}"""));

        Assert.Equal(finishReason, chunks[^1].Choices[0].FinishReason);
        Assert.Null(chunks[^1].Choices[0].Extra);
    }

    [Fact]
    public void OnEvent_MessageStopMalformed_StopWithOriginalReason()
    {
        var chunks = Feed(NewMapper(), ("messageStop", """{"stopReason":"malformed_tool_use"}"""));

        AssertChunks(chunks, RoleChunk, """[{"index":0,"delta":{},"finish_reason":"stop","bedrock_stop_reason":"malformed_tool_use"}]""");
    }

    [Fact]
    public void OnEvent_UnknownOrSilentEvents_NoChunks()
    {
        var chunks = Feed(NewMapper(), ("somethingNew", """{"x":1}"""), ("contentBlockStop", """{"contentBlockIndex":0}"""),
            ("contentBlockStart", """{"contentBlockIndex":0,"start":{"image":{}}}"""), ("metadata", """{"metrics":{"latencyMs":1}}"""),
            ("contentBlockDelta", """{"contentBlockIndex":0,"delta":{"citation":{}}}"""));

        Assert.Empty(chunks);
    }

    [Fact]
    public void OnEvent_UnreadablePayload_ThrowsInvalidResponse()
    {
        var error = Assert.Throws<JunctionException>(() => NewMapper().OnEvent("contentBlockDelta", "{not json"u8)).Error;

        Assert.Equal(JunctionErrorKind.InvalidResponse, error.Kind);
        Assert.Equal("req-1", error.UpstreamRequestId);
    }

    [Fact]
    public void OnMessage_SplitOneByteReads_SameChunksAsWhole()
    {
        var bytes = EventStreamVectors.ConcatenatedStream();
        var whole = Collect(new ReadOnlySequence<byte>(bytes));
        var mapper = NewMapper();
        var pending = new List<byte>();
        var split = new List<string>();
        foreach (var b in bytes)
        {
            pending.Add(b);
            var buffer = new ReadOnlySequence<byte>([.. pending]);
            if (EventStreamReader.TryReadMessage(ref buffer, out var message))
            {
                pending = [.. buffer.ToArray()];
                try
                {
                    split.AddRange(mapper.OnMessage(message).Select(Json));
                }
                catch (JunctionException)
                {
                    break;
                }
            }
        }

        Assert.Equal(whole, split);
    }

    private static List<string> Collect(ReadOnlySequence<byte> buffer)
    {
        var mapper = NewMapper();
        var result = new List<string>();
        while (EventStreamReader.TryReadMessage(ref buffer, out var message))
        {
            try
            {
                result.AddRange(mapper.OnMessage(message).Select(Json));
            }
            catch (JunctionException)
            {
                break;
            }
        }

        return result;
    }

    private static EventStreamMessage ReadFrame(byte[] frame)
    {
        var buffer = new ReadOnlySequence<byte>(frame);
        Assert.True(EventStreamReader.TryReadMessage(ref buffer, out var message));
        return message;
    }
}
