using System.Text.Json;
using Junction.Protocol.OpenAI;
using Microsoft.Extensions.AI;
using ChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace Junction.Extensions.AI.Tests;

public sealed class ChatRequestMapperTests
{
    private static JsonElement Body(ChatCompletionRequest request) =>
        JsonSerializer.SerializeToElement(request, OpenAIJsonContext.Wire.ChatCompletionRequest);

    private static JsonElement Map(IEnumerable<ChatMessage> messages, ChatOptions? options = null, string? model = "m",
        IReadOnlyList<KeyValuePair<string, object?>>? passthrough = null, bool strict = false) =>
        Body(ChatRequestMapper.ToChatCompletionRequest(messages, options, model, null, passthrough, strict));

    [Fact]
    public void ToChatCompletionRequest_TextMessages_MapRolesNamesAndStringContent()
    {
        var body = Map(
            [new(ChatRole.System, "be brief"), new(ChatRole.User, "hi") { AuthorName = "ann" }, new(ChatRole.Assistant, "hello"), new(new ChatRole("developer"), "dev")],
            new ChatOptions { Instructions = "first" });

        Assert.Equal("""[{"role":"system","content":"first"},{"role":"system","content":"be brief"},{"role":"user","content":"hi","name":"ann"},{"role":"assistant","content":"hello"},{"role":"developer","content":"dev"}]""",
            body.GetProperty("messages").GetRawText());
        Assert.Equal("m", body.GetProperty("model").GetString());
    }

    [Fact]
    public void ToChatCompletionRequest_ModelId_OverridesDefault()
    {
        var body = Map([new(ChatRole.User, "x")], new ChatOptions { ModelId = "other" });
        Assert.Equal("other", body.GetProperty("model").GetString());
    }

    [Fact]
    public void ToChatCompletionRequest_Sampling_MapsToOpenAIFieldsWithShortestDecimals()
    {
        var body = Map([new(ChatRole.User, "x")], new ChatOptions
        {
            Temperature = 0.7f, TopP = 0.9f, FrequencyPenalty = 0.1f, PresencePenalty = -0.3f,
            MaxOutputTokens = 64, StopSequences = ["END", "STOP"], Seed = 42,
        });

        Assert.Equal(0.7, body.GetProperty("temperature").GetDouble());
        Assert.Equal("0.7", body.GetProperty("temperature").GetRawText());
        Assert.Equal("0.9", body.GetProperty("top_p").GetRawText());
        Assert.Equal("0.1", body.GetProperty("frequency_penalty").GetRawText());
        Assert.Equal("-0.3", body.GetProperty("presence_penalty").GetRawText());
        Assert.Equal(64, body.GetProperty("max_completion_tokens").GetInt32());
        Assert.False(body.TryGetProperty("max_tokens", out _));
        Assert.Equal("""["END","STOP"]""", body.GetProperty("stop").GetRawText());
        Assert.Equal(42, body.GetProperty("seed").GetInt64());
    }

    [Fact]
    public void ToChatCompletionRequest_Tools_FunctionWithJsonSchemaAndToolModes()
    {
        var function = AIFunctionFactory.Create((string city, int days) => "", "get_weather", "Weather for a city");
        var options = new ChatOptions { Tools = [function], ToolMode = ChatToolMode.RequireAny, AllowMultipleToolCalls = false };

        var body = Map([new(ChatRole.User, "x")], options);

        var tool = body.GetProperty("tools")[0];
        Assert.Equal("function", tool.GetProperty("type").GetString());
        Assert.Equal("get_weather", tool.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("Weather for a city", tool.GetProperty("function").GetProperty("description").GetString());
        Assert.Equal(function.JsonSchema.GetRawText(), tool.GetProperty("function").GetProperty("parameters").GetRawText());
        Assert.False(tool.GetProperty("function").TryGetProperty("strict", out _));
        Assert.Equal("\"required\"", body.GetProperty("tool_choice").GetRawText());
        Assert.False(body.GetProperty("parallel_tool_calls").GetBoolean());

        Assert.Equal("\"auto\"", Map([new(ChatRole.User, "x")], new ChatOptions { Tools = [function], ToolMode = ChatToolMode.Auto }).GetProperty("tool_choice").GetRawText());
        Assert.Equal("\"none\"", Map([new(ChatRole.User, "x")], new ChatOptions { Tools = [function], ToolMode = ChatToolMode.None }).GetProperty("tool_choice").GetRawText());
        Assert.Equal("""{"type":"function","function":{"name":"get_weather"}}""",
            Map([new(ChatRole.User, "x")], new ChatOptions { Tools = [function], ToolMode = ChatToolMode.RequireSpecific("get_weather") }).GetProperty("tool_choice").GetRawText());
        Assert.False(Map([new(ChatRole.User, "x")], new ChatOptions { ToolMode = ChatToolMode.RequireAny }).TryGetProperty("tool_choice", out _));
        Assert.True(Map([new(ChatRole.User, "x")], options, strict: true).GetProperty("tools")[0].GetProperty("function").GetProperty("strict").GetBoolean());
    }

    [Fact]
    public void ToChatCompletionRequest_ResponseFormat_TextJsonAndSchema()
    {
        using var schema = JsonDocument.Parse("""{"type":"object","properties":{"name":{"type":"string"}},"required":["name"]}""");

        Assert.Equal("""{"type":"text"}""", Map([new(ChatRole.User, "x")], new ChatOptions { ResponseFormat = ChatResponseFormat.Text }).GetProperty("response_format").GetRawText());
        Assert.Equal("""{"type":"json_object"}""", Map([new(ChatRole.User, "x")], new ChatOptions { ResponseFormat = ChatResponseFormat.Json }).GetProperty("response_format").GetRawText());
        var format = Map([new(ChatRole.User, "x")], new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema.RootElement, "person", "A person") }, strict: true)
            .GetProperty("response_format");
        Assert.Equal("json_schema", format.GetProperty("type").GetString());
        Assert.Equal("person", format.GetProperty("json_schema").GetProperty("name").GetString());
        Assert.Equal("A person", format.GetProperty("json_schema").GetProperty("description").GetString());
        Assert.Equal(schema.RootElement.GetRawText(), format.GetProperty("json_schema").GetProperty("schema").GetRawText());
        Assert.True(format.GetProperty("json_schema").GetProperty("strict").GetBoolean());
    }

    [Fact]
    public void ToChatCompletionRequest_FunctionCallAndResult_RoundTripAsToolCallsAndToolMessages()
    {
        var messages = new List<ChatMessage>
        {
            new(ChatRole.User, "weather?"),
            new(ChatRole.Assistant, [new TextContent("checking"), new FunctionCallContent("call_1", "get_weather", new Dictionary<string, object?> { ["city"] = "Oslo", ["days"] = 2 })]),
            new(ChatRole.Tool, [new FunctionResultContent("call_1", JsonSerializer.SerializeToElement("sunny")), new FunctionResultContent("call_2", new Dictionary<string, object?> { ["t"] = 21 })]),
        };

        var wire = Map(messages).GetProperty("messages");

        Assert.Equal(4, wire.GetArrayLength());
        var assistant = wire[1];
        Assert.Equal("checking", assistant.GetProperty("content").GetString());
        var call = assistant.GetProperty("tool_calls")[0];
        Assert.Equal("call_1", call.GetProperty("id").GetString());
        Assert.Equal("function", call.GetProperty("type").GetString());
        Assert.Equal("get_weather", call.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("""{"city":"Oslo","days":2}""", call.GetProperty("function").GetProperty("arguments").GetString());
        Assert.Equal("""{"role":"tool","content":"sunny","tool_call_id":"call_1"}""", wire[2].GetRawText());
        Assert.Equal("""{"t":21}""", wire[3].GetProperty("content").GetString());

        var back = ChatResponseMapper.ToFunctionCall("call_1", "get_weather", call.GetProperty("function").GetProperty("arguments").GetString());
        Assert.Equal("Oslo", back.Arguments!["city"]!.ToString());
        Assert.Equal("2", back.Arguments["days"]!.ToString());
    }

    [Fact]
    public void ToChatCompletionRequest_ImagesAndFiles_BecomeContentParts()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47];
        var message = new ChatMessage(ChatRole.User, [
            new TextContent("what is this?"),
            new DataContent(png, "image/png"),
            new UriContent(new Uri("https://example.test/cat.jpg"), "image/jpeg"),
            new DataContent(new byte[] { 1, 2 }, "audio/wav"),
            new DataContent(new byte[] { 3 }, "application/pdf") { Name = "a.pdf" },
        ]);

        var parts = Map([message]).GetProperty("messages")[0].GetProperty("content");

        Assert.Equal("""{"type":"text","text":"what is this?"}""", parts[0].GetRawText());
        Assert.Equal("data:image/png;base64," + Convert.ToBase64String(png), parts[1].GetProperty("image_url").GetProperty("url").GetString());
        Assert.Equal("https://example.test/cat.jpg", parts[2].GetProperty("image_url").GetProperty("url").GetString());
        Assert.Equal("input_audio", parts[3].GetProperty("type").GetString());
        Assert.Equal("""{"data":"AQI=","format":"wav"}""", parts[3].GetProperty("input_audio").GetRawText());
        Assert.Equal("file", parts[4].GetProperty("type").GetString());
        Assert.Equal("a.pdf", parts[4].GetProperty("file").GetProperty("filename").GetString());
        Assert.Equal("data:application/pdf;base64,Aw==", parts[4].GetProperty("file").GetProperty("file_data").GetString());
    }

    [Fact]
    public void ToChatCompletionRequest_AdditionalProperties_PassThroughAndReplaceTypedFields()
    {
        using var metadata = JsonDocument.Parse("""{"team":"search"}""");
        var body = Map([new(ChatRole.User, "x")], new ChatOptions { Temperature = 1 }, passthrough:
        [
            new("user", "u-1"),
            new("service_tier", "flex"),
            new("logprobs", true),
            new("metadata", metadata.RootElement),
            new("temperature", 0.2),
        ]);

        Assert.Equal("u-1", body.GetProperty("user").GetString());
        Assert.Equal("flex", body.GetProperty("service_tier").GetString());
        Assert.True(body.GetProperty("logprobs").GetBoolean());
        Assert.Equal("""{"team":"search"}""", body.GetProperty("metadata").GetRawText());
        Assert.Equal(0.2, body.GetProperty("temperature").GetDouble());
        Assert.Single(body.EnumerateObject(), p => p.Name == "user");
    }

    [Fact]
    public void ToChatCompletionRequest_RawRepresentationFactory_IsTheStartingPoint()
    {
        using var client = new JunctionChatClient(JunctionRuntime.Create(TestSupport.Configs.Options("models: [{ name: demo, deployments: [{ provider: mock }] }]")), "demo");
        var options = new ChatOptions
        {
            Temperature = 0.5f,
            RawRepresentationFactory = _ => new ChatCompletionRequest { Temperature = 0.1, User = "raw", N = 2 },
        };

        var request = ChatRequestMapper.ToChatCompletionRequest([new(ChatRole.User, "x")], options, "demo", client);

        Assert.Equal(0.1, request.Temperature);
        Assert.Equal("raw", request.User);
        Assert.Equal(2, request.N);
        Assert.Equal("demo", request.Model);
    }

    [Fact]
    public void ToChatCompletionRequest_ReasoningEffort_MapsToOpenAIValues()
    {
        var body = Map([new(ChatRole.User, "x")], new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.Low } });
        Assert.Equal("low", body.GetProperty("reasoning_effort").GetString());
    }
}
