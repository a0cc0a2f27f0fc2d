using System.Text.Json;
using Junction.Protocol.OpenAI;
using Junction.Providers.Bedrock;
using Junction.Resilience;
using static Junction.Tests.Providers.Bedrock.BedrockJson;

namespace Junction.Tests.Providers.Bedrock;

public class BedrockChatMapperTests
{
    private static readonly BedrockMappingOptions Strict = BedrockMappingOptions.Default;
    private static readonly BedrockMappingOptions Drop = new() { DropUnsupportedParams = true };

    private static ConverseRequest Map(string json, BedrockMappingOptions? options = null) =>
        BedrockChatMapper.ToConverseRequest(Chat(json), options ?? Strict, out _);

    private static JunctionError MapFails(string json, BedrockMappingOptions? options = null) =>
        Assert.Throws<JunctionException>(() => Map(json, options)).Error;

    private const string Hello = """{"role":"user","content":"Hi"}""";

    [Fact]
    public void ToConverseRequest_GoldenToolsExample_MatchesConverseGolden()
    {
        var converse = BedrockChatMapper.ToConverseRequest(Chat(Golden("tools.openai.json")), Strict, out var dropped);

        AssertJsonEqual(Golden("tools.converse.json"), Converse(converse));
        Assert.Empty(dropped);
    }

    [Fact]
    public void FromConverseResponse_GoldenToolsResponse_MatchesOpenAIGolden()
    {
        var response = JsonSerializer.Deserialize(Golden("tools.converse-response.json"), BedrockJsonContext.Default.ConverseResponse)!;

        var mapped = BedrockChatMapper.FromConverseResponse(response, "chatcmpl-1", 1700000000, "my-claude");

        AssertJsonEqual(Golden("tools.openai-response.json"), Node(mapped, OpenAIJsonContext.Wire.ChatCompletionResponse));
    }

    [Fact]
    public void ToConverseRequest_SystemAndDeveloperMessages_HoistedInOrder()
    {
        var converse = Map("""
            {"messages":[{"role":"system","content":"A"},{"role":"user","content":"Hi"},
            {"role":"developer","content":[{"type":"text","text":"B"},{"type":"text","text":" "},{"type":"text","text":"C"}]},
            {"role":"assistant","content":"Yo"}]}
            """);

        Assert.Equal(["A", "B", "C"], converse.System!.Select(s => s.Text));
        Assert.Equal(["user", "assistant"], converse.Messages.Select(m => m.Role));
    }

    [Fact]
    public void ToConverseRequest_ConsecutiveSameRole_Merged()
    {
        var converse = Map("""
            {"messages":[{"role":"user","content":"a"},{"role":"user","content":[{"type":"text","text":"b"}]},
            {"role":"assistant","content":"c"},{"role":"assistant","content":"d"},{"role":"user","content":"e"}]}
            """);

        AssertJsonEqual("""
            [{"role":"user","content":[{"text":"a"},{"text":"b"}]},{"role":"assistant","content":[{"text":"c"},{"text":"d"}]},
             {"role":"user","content":[{"text":"e"}]}]
            """, Converse(converse)["messages"]);
    }

    [Fact]
    public void ToConverseRequest_ToolResultsThenUserText_OneUserMessage()
    {
        var converse = Map("""
            {"messages":[{"role":"user","content":"q"},
            {"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}}]},
            {"role":"tool","tool_call_id":"c1","content":[{"type":"text","text":"r1"}]},{"role":"user","content":"more"}],
            "tools":[{"type":"function","function":{"name":"f"}}]}
            """);

        Assert.Equal(3, converse.Messages.Count);
        AssertJsonEqual("""
            {"role":"user","content":[{"toolResult":{"toolUseId":"c1","content":[{"text":"r1"}],"status":"success"}},{"text":"more"}]}
            """, Converse(converse)["messages"]![2]);
    }

    [Fact]
    public void ToConverseRequest_EmptyToolResult_SendsEmptyContent()
    {
        var converse = Map("""
            {"messages":[{"role":"user","content":"q"},
            {"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":""}}]},
            {"role":"tool","tool_call_id":"c1","content":""}],"tools":[{"type":"function","function":{"name":"f"}}]}
            """);

        var result = converse.Messages[2].Content[0].ToolResult!;
        Assert.Empty(result.Content);
        Assert.Equal("{}", converse.Messages[1].Content[0].ToolUse!.Input.GetRawText());
    }

    [Fact]
    public void ToConverseRequest_WhitespaceOnlyText_DroppedAndNeighboursMerged()
    {
        var converse = Map("""
            {"messages":[{"role":"user","content":"a"},{"role":"assistant","content":"  \n"},{"role":"user","content":"b"},
            {"role":"assistant","content":[{"type":"text","text":""},{"type":"text","text":"ok"}]}]}
            """);

        AssertJsonEqual("""
            [{"role":"user","content":[{"text":"a"},{"text":"b"}]},{"role":"assistant","content":[{"text":"ok"}]}]
            """, Converse(converse)["messages"]);
    }

    [Fact]
    public void ToConverseRequest_FirstMessageFromAssistant_Returns400()
    {
        var error = MapFails("""{"messages":[{"role":"system","content":"s"},{"role":"assistant","content":"hi"},{"role":"user","content":"x"}]}""");

        Assert.Equal(400, error.Status);
        Assert.Equal("messages", error.Param);
        Assert.Contains("first message", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"messages":[{"role":"system","content":"only system"}]}""", "messages")]
    [InlineData("""{"messages":[]}""", "messages")]
    [InlineData("""{"model":"x"}""", "messages")]
    [InlineData("""{"messages":[{"role":"function","content":"x"}]}""", "messages[0].role")]
    [InlineData("""{"messages":[{"content":"x"}]}""", "messages[0].role")]
    [InlineData("""{"messages":[{"role":"user","content":"q"},{"role":"tool","content":"r"}]}""", "messages[1].tool_call_id")]
    [InlineData("""{"messages":[{"role":"user","content":[{"type":"input_audio","input_audio":{}}]}]}""", "messages[0].content[0].type")]
    [InlineData("""{"messages":[{"role":"system","content":[{"type":"image_url","image_url":{"url":"data:image/png;base64,AA=="}}]},{"role":"user","content":"x"}]}""", "messages[0].content[0].type")]
    public void ToConverseRequest_InvalidMessages_Returns400NamingField(string json, string param)
    {
        var error = MapFails(json);

        Assert.Equal(400, error.Status);
        Assert.Equal(JunctionErrorKind.BadRequest, error.Kind);
        Assert.Equal(param, error.Param);
    }

    [Theory]
    [InlineData("image/png", "png")]
    [InlineData("image/jpeg", "jpeg")]
    [InlineData("image/jpg", "jpeg")]
    [InlineData("IMAGE/GIF", "gif")]
    [InlineData("image/webp", "webp")]
    public void ToConverseRequest_DataUrlImage_MapsToImageBlock(string mediaType, string format)
    {
        var converse = Map($$$"""
            {"messages":[{"role":"user","content":[{"type":"text","text":"what?"},
            {"type":"image_url","image_url":{"url":"data:{{{mediaType}}};base64,iVBORw0KGgo=","detail":"high"}}]}]}
            """);

        AssertJsonEqual($$$$"""{"image":{"format":"{{{{format}}}}","source":{"bytes":"iVBORw0KGgo="}}}""", Converse(converse)["messages"]![0]!["content"]![1]);
    }

    [Theory]
    [InlineData("https://example.com/cat.png", "unsupported_image_url")]
    [InlineData("http://example.com/cat.png", "unsupported_image_url")]
    [InlineData("data:image/bmp;base64,AAAA", "invalid_image_format")]
    [InlineData("data:image/png,rawbytes", "invalid_image_url")]
    [InlineData("data:image/png;base64,not*base64", "invalid_image_url")]
    public void ToConverseRequest_UnusableImageUrl_Returns400NamingPart(string url, string code)
    {
        var error = MapFails($$$"""
            {"messages":[{"role":"user","content":"first"},{"role":"assistant","content":"ok"},
            {"role":"user","content":[{"type":"text","text":"see"},{"type":"image_url","image_url":{"url":"{{{url}}}"}}]}]}
            """);

        Assert.Equal(400, error.Status);
        Assert.Equal("messages[2].content[1].image_url", error.Param);
        Assert.Equal(code, error.Code);
    }

    [Fact]
    public void ToConverseRequest_RemoteImageUrl_ExplainsInlineRequirement()
    {
        var error = MapFails("""{"messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"https://x/y.png"}}]}]}""");

        Assert.Contains("inline", error.Message, StringComparison.Ordinal);
        Assert.Contains("data:", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\\\"city\\\":", "messages[1].tool_calls[1].function.arguments")]
    [InlineData("[1,2]", "messages[1].tool_calls[1].function.arguments")]
    [InlineData("\\\"text\\\"", "messages[1].tool_calls[1].function.arguments")]
    public void ToConverseRequest_ToolArgumentsNotJsonObject_Returns400NamingField(string arguments, string param)
    {
        var error = MapFails($$$"""
            {"messages":[{"role":"user","content":"q"},{"role":"assistant","tool_calls":[
            {"id":"a","type":"function","function":{"name":"f","arguments":"{}"}},
            {"id":"b","type":"function","function":{"name":"f","arguments":"{{{arguments}}}"}}]}]}
            """);

        Assert.Equal(param, error.Param);
        Assert.Equal(400, error.Status);
    }

    [Fact]
    public void ToConverseRequest_AssistantTextAndToolCalls_TextThenToolUse()
    {
        var converse = Map("""
            {"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"Let me check.","tool_calls":[
            {"id":"call_1","type":"function","function":{"name":"f","arguments":"{\"a\":[1,{\"b\":null}]}"}}]},
            {"role":"tool","tool_call_id":"call_1","content":"done"}],"tools":[{"type":"function","function":{"name":"f"}}]}
            """);

        AssertJsonEqual("""
            {"role":"assistant","content":[{"text":"Let me check."},{"toolUse":{"toolUseId":"call_1","name":"f","input":{"a":[1,{"b":null}]}}}]}
            """, Converse(converse)["messages"]![1]);
    }

    [Fact]
    public void ToConverseRequest_ToolDefinitions_MapToToolSpecs()
    {
        var converse = Map("""
            {"messages":[{"role":"user","content":"q"}],"tools":[
            {"type":"function","function":{"name":"no_params"}},
            {"type":"function","function":{"name":"empty_description","description":"","parameters":{"type":"object","properties":{"x":{"type":"integer"}}},"strict":false}},
            {"type":"function","function":{"name":"strict_one","description":"d","parameters":{"type":"object"},"strict":true}}]}
            """);

        AssertJsonEqual("""
            {"tools":[
             {"toolSpec":{"name":"no_params","inputSchema":{"json":{"type":"object","properties":{}}}}},
             {"toolSpec":{"name":"empty_description","inputSchema":{"json":{"type":"object","properties":{"x":{"type":"integer"}}}}}},
             {"toolSpec":{"name":"strict_one","description":"d","inputSchema":{"json":{"type":"object"}},"strict":true}}]}
            """, Converse(converse)["toolConfig"]);
    }

    [Theory]
    [InlineData("\"auto\"", """{"auto":{}}""")]
    [InlineData("\"required\"", """{"any":{}}""")]
    [InlineData("""{"type":"function","function":{"name":"g"}}""", """{"tool":{"name":"g"}}""")]
    public void ToConverseRequest_ToolChoice_MapsToConverseToolChoice(string toolChoice, string expected)
    {
        var converse = Map($$$"""
            {"messages":[{"role":"user","content":"q"}],"tool_choice":{{{toolChoice}}},
            "tools":[{"type":"function","function":{"name":"f"}},{"type":"function","function":{"name":"g"}}]}
            """);

        AssertJsonEqual(expected, Converse(converse)["toolConfig"]!["toolChoice"]);
    }

    [Fact]
    public void ToConverseRequest_ToolChoiceAbsent_OmitsToolChoice()
    {
        var converse = Map("""{"messages":[{"role":"user","content":"q"}],"tools":[{"type":"function","function":{"name":"f"}}]}""");

        Assert.NotNull(converse.ToolConfig);
        Assert.Null(converse.ToolConfig.ToolChoice);
    }

    [Fact]
    public void ToConverseRequest_ToolChoiceNoneWithoutToolHistory_DropsToolConfig()
    {
        var converse = Map("""{"messages":[{"role":"user","content":"q"}],"tool_choice":"none","tools":[{"type":"function","function":{"name":"f"}}]}""");

        Assert.Null(converse.ToolConfig);
    }

    [Fact]
    public void ToConverseRequest_ToolChoiceNoneWithToolHistory_KeepsToolsWithAuto()
    {
        var converse = Map("""
            {"messages":[{"role":"user","content":"q"},{"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{}"}}]},
            {"role":"tool","tool_call_id":"c","content":"r"}],"tool_choice":"none","tools":[{"type":"function","function":{"name":"f"}}]}
            """);

        AssertJsonEqual("""{"auto":{}}""", Converse(converse)["toolConfig"]!["toolChoice"]);
    }

    [Theory]
    [InlineData("""{"type":"function","function":{"name":"missing"}}""", "tool_choice")]
    [InlineData("\"sometimes\"", "tool_choice")]
    public void ToConverseRequest_BadToolChoice_Returns400(string toolChoice, string param)
    {
        var error = MapFails($$$"""{"messages":[{"role":"user","content":"q"}],"tool_choice":{{{toolChoice}}},"tools":[{"type":"function","function":{"name":"f"}}]}""");

        Assert.Equal(param, error.Param);
    }

    [Theory]
    [InlineData("""[{"type":"web_search"}]""", "tools[0].type")]
    [InlineData("""[{"type":"function","function":{"description":"x"}}]""", "tools[0].function.name")]
    public void ToConverseRequest_BadTool_Returns400NamingField(string tools, string param)
    {
        var error = MapFails($$$"""{"messages":[{"role":"user","content":"q"}],"tools":{{{tools}}}}""");

        Assert.Equal(param, error.Param);
    }

    [Fact]
    public void ToConverseRequest_SamplingParameters_MapToInferenceConfig()
    {
        var converse = Map("""
            {"messages":[{"role":"user","content":"q"}],"max_tokens":10,"max_completion_tokens":20,"temperature":0.5,"top_p":0.9,"stop":"END"}
            """);

        AssertJsonEqual("""{"maxTokens":20,"temperature":0.5,"topP":0.9,"stopSequences":["END"]}""", Converse(converse)["inferenceConfig"]);
    }

    [Fact]
    public void ToConverseRequest_MaxTokensOnly_UsesMaxTokens()
    {
        Assert.Equal(10, Map("""{"messages":[{"role":"user","content":"q"}],"max_tokens":10}""", new() { DefaultMaxTokens = 99 }).InferenceConfig!.MaxTokens);
    }

    [Fact]
    public void ToConverseRequest_NoMaxTokens_UsesDefaultMaxTokens()
    {
        Assert.Equal(99, Map("""{"messages":[{"role":"user","content":"q"}]}""", new() { DefaultMaxTokens = 99 }).InferenceConfig!.MaxTokens);
    }

    [Fact]
    public void ToConverseRequest_NoParametersNoDefault_OmitsInferenceConfigAndExtras()
    {
        var converse = Map("""{"messages":[{"role":"user","content":"q"}],"stop":["", "x"]}""");

        Assert.Equal(["x"], converse.InferenceConfig!.StopSequences!);
        var bare = Map("""{"messages":[{"role":"user","content":"q"}]}""");
        Assert.Null(bare.InferenceConfig);
        Assert.Null(bare.AdditionalModelRequestFields);
        Assert.Null(bare.ToolConfig);
        Assert.Null(bare.System);
    }

    [Fact]
    public void ToConverseRequest_TemperatureAboveOne_Returns400()
    {
        var error = MapFails("""{"messages":[{"role":"user","content":"q"}],"temperature":1.5}""", Drop);

        Assert.Equal("temperature", error.Param);
        Assert.Equal("unsupported_value", error.Code);
    }

    [Fact]
    public void ToConverseRequest_TopK_PassedThroughInAdditionalFields()
    {
        var converse = Map("""{"messages":[{"role":"user","content":"q"}],"top_k":250}""");

        AssertJsonEqual("""{"top_k":250}""", Converse(converse)["additionalModelRequestFields"]);
    }

    [Fact]
    public void ToConverseRequest_ConfiguredPassthroughField_Forwarded()
    {
        var options = new BedrockMappingOptions { PassthroughFields = new HashSet<string> { "top_k", "anthropic_beta" } };

        var converse = Map("""{"messages":[{"role":"user","content":"q"}],"anthropic_beta":["x"]}""", options);

        AssertJsonEqual("""{"anthropic_beta":["x"]}""", Converse(converse)["additionalModelRequestFields"]);
    }

    [Theory]
    [InlineData("low", 1024)]
    [InlineData("medium", 4096)]
    [InlineData("high", 16384)]
    public void ToConverseRequest_ReasoningEffort_MapsToThinkingBudget(string effort, int budget)
    {
        var converse = Map($$$"""{"messages":[{"role":"user","content":"q"}],"reasoning_effort":"{{{effort}}}"}""");

        AssertJsonEqual($$$"""{"thinking":{"type":"enabled","budget_tokens":{{{budget}}}}}""", Converse(converse)["additionalModelRequestFields"]);
    }

    [Fact]
    public void ToConverseRequest_ConfiguredBudgets_Used()
    {
        var options = new BedrockMappingOptions { ReasoningBudgets = new Dictionary<string, int> { ["minimal"] = 1500 } };

        var converse = Map("""{"messages":[{"role":"user","content":"q"}],"reasoning_effort":"minimal"}""", options);

        AssertJsonEqual("""{"thinking":{"type":"enabled","budget_tokens":1500}}""", Converse(converse)["additionalModelRequestFields"]);
    }

    [Fact]
    public void ToConverseRequest_ExplicitThinking_WinsOverReasoningEffort()
    {
        var converse = Map("""
            {"messages":[{"role":"user","content":"q"}],"reasoning_effort":"high","top_k":5,"thinking":{"type":"enabled","budget_tokens":2000}}
            """);

        AssertJsonEqual("""{"top_k":5,"thinking":{"type":"enabled","budget_tokens":2000}}""", Converse(converse)["additionalModelRequestFields"]);
    }

    [Fact]
    public void ToConverseRequest_ReasoningEffortNone_SendsNothing()
    {
        Assert.Null(Map("""{"messages":[{"role":"user","content":"q"}],"reasoning_effort":"none"}""").AdditionalModelRequestFields);
    }

    public static TheoryData<string, string> UnsupportedParameters => new()
    {
        { "\"n\":2", "n" },
        { "\"logprobs\":true", "logprobs" },
        { "\"top_logprobs\":2", "top_logprobs" },
        { "\"logit_bias\":{\"50256\":-100}", "logit_bias" },
        { "\"presence_penalty\":0.5", "presence_penalty" },
        { "\"frequency_penalty\":-0.5", "frequency_penalty" },
        { "\"seed\":42", "seed" },
        { "\"response_format\":{\"type\":\"json_object\"}", "response_format" },
        { "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\",\"schema\":{}}}", "response_format" },
        { "\"parallel_tool_calls\":false", "parallel_tool_calls" },
        { "\"audio\":{\"voice\":\"alloy\",\"format\":\"wav\"}", "audio" },
        { "\"modalities\":[\"text\",\"audio\"]", "modalities" },
        { "\"prediction\":{\"type\":\"content\",\"content\":\"x\"}", "prediction" },
        { "\"reasoning_effort\":\"extreme\"", "reasoning_effort" },
        { "\"web_search_options\":{}", "web_search_options" },
        { "\"tool_choice\":{\"type\":\"allowed_tools\",\"allowed_tools\":{}}", "tool_choice" },
    };

    [Theory]
    [MemberData(nameof(UnsupportedParameters))]
    public void ToConverseRequest_UnsupportedParameterStrict_Returns400NamingIt(string member, string param)
    {
        var error = MapFails($$$"""{"messages":[{"role":"user","content":"q"}],{{{member}}}}""");

        Assert.Equal(400, error.Status);
        Assert.Equal(param, error.Param);
        Assert.Equal("unsupported_parameter", error.Code);
        Assert.Contains(param, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(UnsupportedParameters))]
    public void ToConverseRequest_UnsupportedParameterWithDrop_OmittedAndReported(string member, string param)
    {
        var converse = BedrockChatMapper.ToConverseRequest(
            Chat($$$"""{"messages":[{"role":"user","content":"q"}],"tools":[{"type":"function","function":{"name":"f"}}],{{{member}}}}"""),
            Drop, out var dropped);

        Assert.Equal([param], dropped);
        Assert.Null(converse.AdditionalModelRequestFields);
        Assert.Null(converse.InferenceConfig);
        Assert.Null(converse.ToolConfig!.ToolChoice);
    }

    [Fact]
    public void ToConverseRequest_SeveralUnsupported_ReportedInOrder()
    {
        BedrockChatMapper.ToConverseRequest(Chat("""{"messages":[{"role":"user","content":"q"}],"zeta":1,"seed":1,"n":3}"""), Drop, out var dropped);

        Assert.Equal(["n", "seed", "zeta"], dropped);
    }

    [Fact]
    public void ToConverseRequest_IgnoredAndDefaultValuedParameters_NeitherDroppedNorRejected()
    {
        var converse = BedrockChatMapper.ToConverseRequest(Chat("""
            {"model":"m","messages":[{"role":"user","content":"q","name":"bob"}],"user":"u","stream":true,
             "stream_options":{"include_usage":true},"metadata":{"k":"v"},"store":false,"service_tier":"auto",
             "n":1,"logprobs":false,"presence_penalty":0,"frequency_penalty":0,"parallel_tool_calls":true,
             "response_format":{"type":"text"},"modalities":["text"],"unknown_null":null}
            """), Strict, out var dropped);

        Assert.Empty(dropped);
        Assert.Null(converse.AdditionalModelRequestFields);
        Assert.Null(converse.RequestMetadata);
    }

    [Theory]
    [InlineData("end_turn", "stop")]
    [InlineData("stop_sequence", "stop")]
    [InlineData("max_tokens", "length")]
    [InlineData("model_context_window_exceeded", "length")]
    [InlineData("tool_use", "tool_calls")]
    [InlineData("guardrail_intervened", "content_filter")]
    [InlineData("content_filtered", "content_filter")]
    [InlineData("malformed_model_output", "stop")]
    [InlineData("malformed_tool_use", "stop")]
    [InlineData("brand_new_reason", "brand_new_reason")]
    [InlineData(null, null)]
    public void FromStopReason_EveryBedrockReason_MapsToOpenAIFinishReason(string? stopReason, string? expected)
    {
        Assert.Equal(expected, BedrockChatMapper.FromStopReason(stopReason));
    }

    [Theory]
    [InlineData("malformed_model_output")]
    [InlineData("malformed_tool_use")]
    public void FromConverseResponse_MalformedStop_StopWithOriginalReasonKept(string stopReason)
    {
        var response = Response("""{"text":"partial"}""", stopReason);

        var choice = BedrockChatMapper.FromConverseResponse(response, "id", 1, "m").Choices[0];

        Assert.Equal("stop", choice.FinishReason);
        Assert.Equal(stopReason, choice.Extra![BedrockChatMapper.BedrockStopReasonField].GetString());
    }

    [Fact]
    public void FromConverseResponse_TextOnly_ContentWithoutToolCalls()
    {
        var mapped = BedrockChatMapper.FromConverseResponse(Response("""{"text":"Hello"}""", "end_turn"), "id-1", 42, "alias");

        AssertJsonEqual("""
            {"id":"id-1","object":"chat.completion","created":42,"model":"alias","choices":[{"index":0,
             "message":{"role":"assistant","content":"Hello"},"logprobs":null,"finish_reason":"stop"}],
             "usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7}}
            """, Node(mapped, OpenAIJsonContext.Wire.ChatCompletionResponse));
    }

    [Fact]
    public void FromConverseResponse_ToolUseOnly_NullContent()
    {
        var mapped = BedrockChatMapper.FromConverseResponse(
            Response("""{"toolUse":{"toolUseId":"t","name":"f","input":{}}}""", "tool_use"), "id", 1, "m");

        var message = mapped.Choices[0].Message;
        Assert.Null(message.Content);
        Assert.Equal("{}", message.ToolCalls![0].Function!.Arguments);
        Assert.Equal("tool_calls", mapped.Choices[0].FinishReason);
    }

    [Fact]
    public void FromConverseResponse_EmptyContent_EmptyString()
    {
        var mapped = BedrockChatMapper.FromConverseResponse(Response("", "end_turn"), "id", 1, "m");

        Assert.Equal("", mapped.Choices[0].Message.Content);
    }

    [Fact]
    public void FromUsage_NoCacheMembers_PlainCountsNoDetails()
    {
        var usage = BedrockChatMapper.FromUsage(new TokenUsage { InputTokens = 10, OutputTokens = 5, TotalTokens = 15 });

        Assert.Equal((10, 5, 15), (usage.PromptTokens, usage.CompletionTokens, usage.TotalTokens));
        Assert.Null(usage.PromptTokensDetails);
    }

    [Fact]
    public void FromUsage_CacheReadAndWrite_AddedToPromptTokens()
    {
        var usage = BedrockChatMapper.FromUsage(new TokenUsage
        {
            InputTokens = 10, OutputTokens = 5, TotalTokens = 15, CacheReadInputTokens = 1000, CacheWriteInputTokens = 200,
        });

        AssertJsonEqual("""
            {"prompt_tokens":1210,"completion_tokens":5,"total_tokens":1215,"prompt_tokens_details":{"cached_tokens":1000,"cache_creation_tokens":200}}
            """, Node(usage, OpenAIJsonContext.Wire.Usage));
    }

    [Fact]
    public void FromUsage_CacheReadOnly_CachedTokensWithoutCreation()
    {
        var usage = BedrockChatMapper.FromUsage(new TokenUsage { InputTokens = 1, OutputTokens = 1, TotalTokens = 2, CacheReadInputTokens = 0 });

        Assert.Equal(0, usage.PromptTokensDetails!.CachedTokens);
        Assert.Null(usage.PromptTokensDetails.Extra);
    }

    [Fact]
    public void ContentBlock_UnknownMembers_SurviveRoundTrip()
    {
        const string json = """
            {"output":{"message":{"role":"assistant","content":[{"document":{"format":"pdf","name":"a","source":{"bytes":"AA=="}}},
             {"cachePoint":{"type":"default","ttl":"1h"}},{"reasoningContent":{"redactedContent":"AQ=="}}]}},
             "stopReason":"end_turn","usage":{"inputTokens":1,"outputTokens":1,"totalTokens":2},"metrics":{"latencyMs":1},"trace":{"x":1}}
            """;

        var response = JsonSerializer.Deserialize(json, BedrockJsonContext.Default.ConverseResponse)!;

        AssertJsonEqual(json, Node(response, BedrockJsonContext.Default.ConverseResponse));
    }

    private static ConverseResponse Response(string block, string stopReason) =>
        JsonSerializer.Deserialize($$$"""
            {"output":{"message":{"role":"assistant","content":[{{{block}}}]}},"stopReason":"{{{stopReason}}}",
             "usage":{"inputTokens":3,"outputTokens":4,"totalTokens":7},"metrics":{"latencyMs":5}}
            """, BedrockJsonContext.Default.ConverseResponse)!;
}
