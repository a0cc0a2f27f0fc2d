using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Junction.TestKit.OpenAI;
using static Junction.TestKit.Tests.OpenAI.FakeHttp;

namespace Junction.TestKit.Tests.OpenAI;

public class FakeOpenAIUpstreamTests
{
    private static readonly TimeSpan _wait = TimeSpan.FromSeconds(10);

    private const string WeatherTools =
        """
        ,"tools":[
          {"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"},"unit":{"type":"string","enum":["c","f"]}},"required":["city"]}}},
          {"type":"function","function":{"name":"get_time","parameters":{"type":"object","properties":{"zone":{"type":"string"},"utc":{"type":"boolean"}},"required":["zone","utc"]}}}]
        """;

    [Fact]
    public async Task Chat_NonStream_HasTheFullOpenAIShape()
    {
        await using var fake = await FakeOpenAIUpstream.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient();

        (HttpResponseMessage response, JsonElement body) = await PostJsonAsync(http, fake.BaseUrl, "/chat/completions", Chat("hello big world"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches("^req_[0-9a-f]{32}$", response.Headers.GetValues("x-request-id").Single());
        Assert.True(int.Parse(response.Headers.GetValues("openai-processing-ms").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 0);
        Assert.StartsWith("chatcmpl-", body.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("chat.completion", body.GetProperty("object").GetString());
        Assert.True(body.GetProperty("created").GetInt64() > 1_700_000_000);
        Assert.Equal("gpt-4o-mini", body.GetProperty("model").GetString());
        Assert.Equal("default", body.GetProperty("service_tier").GetString());
        Assert.Equal("fp_fake", body.GetProperty("system_fingerprint").GetString());
        JsonElement choice = Assert.Single(body.GetProperty("choices").EnumerateArray());
        Assert.Equal(0, choice.GetProperty("index").GetInt32());
        Assert.Equal(JsonValueKind.Null, choice.GetProperty("logprobs").ValueKind);
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        JsonElement message = choice.GetProperty("message");
        Assert.Equal("assistant", message.GetProperty("role").GetString());
        Assert.Equal("echo: hello big world", message.GetProperty("content").GetString());
        Assert.Equal(JsonValueKind.Null, message.GetProperty("refusal").ValueKind);
        Assert.Equal(0, message.GetProperty("annotations").GetArrayLength());
        Assert.False(message.TryGetProperty("tool_calls", out _));
        JsonElement usage = body.GetProperty("usage");
        Assert.Equal(("be brief".Length + "hello big world".Length) / 4, usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(4, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(usage.GetProperty("prompt_tokens").GetInt32() + 4, usage.GetProperty("total_tokens").GetInt32());
        Assert.Equal(0, usage.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32());
        Assert.Equal(0, usage.GetProperty("prompt_tokens_details").GetProperty("audio_tokens").GetInt32());
        JsonElement details = usage.GetProperty("completion_tokens_details");
        foreach (string name in (string[])["reasoning_tokens", "audio_tokens", "accepted_prediction_tokens", "rejected_prediction_tokens"])
        {
            Assert.Equal(0, details.GetProperty(name).GetInt32());
        }
    }

    [Fact]
    public async Task FailureRate_One_FailsEveryUnscriptedRequestWithTheFailureBehavior()
    {
        await using var fake = await FakeOpenAIUpstream.StartAsync(
            new FakeOpenAIOptions { FailureRate = 1, FailureBehavior = FakeBehavior.RateLimited(TimeSpan.FromSeconds(1)) }, Ct);
        using var http = new HttpClient();
        fake.Enqueue(FakeBehavior.Succeed());

        (HttpResponseMessage scripted, _) = await PostJsonAsync(http, fake.BaseUrl, "/chat/completions", Chat("hi"));
        (HttpResponseMessage first, _) = await PostJsonAsync(http, fake.BaseUrl, "/chat/completions", Chat("hi"));
        (HttpResponseMessage second, _) = await PostJsonAsync(http, fake.BaseUrl, "/chat/completions", Chat("hi"));

        Assert.Equal(HttpStatusCode.OK, scripted.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
    }

    [Fact]
    public async Task FailureRate_WithoutFailureBehavior_AnswersServerError()
    {
        await using var fake = await FakeOpenAIUpstream.StartAsync(new FakeOpenAIOptions { FailureRate = 1 }, Ct);
        using var http = new HttpClient();

        (HttpResponseMessage response, JsonElement body) = await PostJsonAsync(http, fake.BaseUrl, "/chat/completions", Chat("hi"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("server_error", body.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task FailureRate_OutOfRange_Throws()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => FakeOpenAIUpstream.StartAsync(new FakeOpenAIOptions { FailureRate = 1.5 }, Ct));
    }

    [Fact]
    public async Task Chat_ContentPartsAreJoined_AndNGivesNChoices()
    {
        await using var fake = await FakeOpenAIUpstream.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient();
        const string json = """
            {"model":"gpt-4o","n":3,"messages":[{"role":"user","content":[{"type":"text","text":"look"},
            {"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA"}},{"type":"text","text":"here"}]}]}
            """;

        (_, JsonElement body) = await PostJsonAsync(http, fake.BaseUrl, "/chat/completions", json);

        JsonElement[] choices = [.. body.GetProperty("choices").EnumerateArray()];
        Assert.Equal([0, 1, 2], choices.Select(c => c.GetProperty("index").GetInt32()));
        Assert.All(choices, c => Assert.Equal("echo: look here", c.GetProperty("message").GetProperty("content").GetString()));
        Assert.Equal(9, body.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Chat_FixedReply_ReplacesTheEcho()
    {
        await using var fake = await FakeOpenAIUpstream.StartAsync(new FakeOpenAIOptions { FixedReply = "ok then" }, Ct);
        using var http = new HttpClient();

        (_, JsonElement body) = await PostJsonAsync(http, fake.BaseUrl, "/chat/completions", Chat("anything"));

        Assert.Equal("ok then", body.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
    }

    [Fact]
    public async Task Chat_Stream_WithoutIncludeUsage_HasNoUsageKeyAndEndsWithDone()
    {
        await using var fake = await FakeOpenAIUpstream.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient();

        using HttpResponseMessage response = await http.SendAsync(
            Post(fake.BaseUrl, "/chat/completions", Chat("one two three", ""","stream":true""")), HttpCompletionOption.ResponseHeadersRead, Ct);
        List<string> events = await ReadEventsAsync(response);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("[DONE]", events[^1]);
        JsonElement[] chunks = [.. events[..^1].Select(Parse)];
        Assert.Equal(6, chunks.Length);
        Assert.All(chunks, c =>
        {
            Assert.Equal(chunks[0].GetProperty("id").GetString(), c.GetProperty("id").GetString());
            Assert.Equal(chunks[0].GetProperty("created").GetInt64(), c.GetProperty("created").GetInt64());
            Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString());
            Assert.Equal("gpt-4o-mini", c.GetProperty("model").GetString());
            Assert.False(c.TryGetProperty("usage", out _));
        });
        JsonElement first = chunks[0].GetProperty("choices")[0];
        Assert.Equal("""{"role":"assistant","content":"","refusal":null}""", first.GetProperty("delta").GetRawText());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("finish_reason").ValueKind);
        string text = string.Concat(chunks[1..^1].Select(c => c.GetProperty("choices")[0].GetProperty("delta").GetProperty("content").GetString()));
        Assert.Equal("echo: one two three", text);
        JsonElement last = chunks[^1].GetProperty("choices")[0];
        Assert.Equal("{}", last.GetProperty("delta").GetRawText());
        Assert.Equal("stop", last.GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Chat_Stream_WithIncludeUsage_EveryChunkHasNullUsage_ThenAnEmptyChoicesUsageChunk()
    {
        await using var fake = await FakeOpenAIUpstream.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient();
        string json = Chat("hi there", ""","stream":true,"stream_options":{"include_usage":true}""");

        using HttpResponseMessage response = await http.SendAsync(Post(fake.BaseUrl, "/chat/completions", json), HttpCompletionOption.ResponseHeadersRead, Ct);
        List<string> events = await ReadEventsAsync(response);

        Assert.Equal("[DONE]", events[^1]);
        JsonElement[] chunks = [.. events[..^1].Select(Parse)];
        Assert.All(chunks[..^1], c => Assert.Equal(JsonValueKind.Null, c.GetProperty("usage").ValueKind));
        JsonElement final = chunks[^1];
        Assert.Equal(0, final.GetProperty("choices").GetArrayLength());
        Assert.Contains("\"choices\":[],\"usage\":{", events[^2], StringComparison.Ordinal);
        JsonElement usage = final.GetProperty("usage");
        Assert.Equal(3, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(usage.GetProperty("prompt_tokens").GetInt32() + 3, usage.GetProperty("total_tokens").GetInt32());
        Assert.Equal(0, usage.GetProperty("completion_tokens_details").GetProperty("reasoning_tokens").GetInt32());
        Assert.Equal("stop", chunks[^2].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Chat_Stream_RequiredToolChoice_StreamsOneCallPerToolInFragments()
    {
        await using var fake = await FakeOpenAIUpstream.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient();
        string json = Chat("weather?", WeatherTools + ""","tool_choice":"required","stream":true""");

        using HttpResponseMessage response = await http.SendAsync(Post(fake.BaseUrl, "/chat/completions", json), HttpCompletionOption.ResponseHeadersRead, Ct);
        List<string> events = await ReadEventsAsync(response);

        JsonElement[] chunks = [.. events[..^1].Select(Parse)];
        Assert.Equal("""{"role":"assistant","content":null,"refusal":null}""", chunks[0].GetProperty("choices")[0].GetProperty("delta").GetRawText());
        var names = new List<string>();
        var arguments = new Dictionary<int, StringBuilder>();
        foreach (JsonElement chunk in chunks[1..^1])
        {
            JsonElement fragment = Assert.Single(chunk.GetProperty("choices")[0].GetProperty("delta").GetProperty("tool_calls").EnumerateArray());
            int index = fragment.GetProperty("index").GetInt32();
            JsonElement function = fragment.GetProperty("function");
            if (fragment.TryGetProperty("id", out JsonElement id))
            {
                Assert.Equal($"call_{index}", id.GetString());
                Assert.Equal("function", fragment.GetProperty("type").GetString());
                Assert.Equal("", function.GetProperty("arguments").GetString());
                names.Add(function.GetProperty("name").GetString()!);
                arguments[index] = new StringBuilder();
            }
            else
            {
                Assert.Equal(["index", "function"], fragment.EnumerateObject().Select(p => p.Name));
                Assert.Equal(["arguments"], function.EnumerateObject().Select(p => p.Name));
                arguments[index].Append(function.GetProperty("arguments").GetString());
            }
        }

        Assert.Equal(["get_weather", "get_time"], names);
        Assert.Equal("""{"city":"sample"}""", arguments[0].ToString());
        Assert.Equal("""{"zone":"sample","utc":true}""", arguments[1].ToString());
        Assert.True(chunks.Length > 6, "arguments should arrive in several fragments");
        JsonElement last = chunks[^1].GetProperty("choices")[0];
        Assert.Equal("{}", last.GetProperty("delta").GetRawText());
        Assert.Equal("tool_calls", last.GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Chat_NamedToolChoice_ReturnsOneCallWithNullContent()
    {
        await using var fake = await FakeOpenAIUpstream.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient();
        string json = Chat("time?", WeatherTools + ""","tool_choice":{"type":"function","function":{"name":"get_time"}}""");

        (_, JsonElement body) = await PostJsonAsync(http, fake.BaseUrl, "/chat/completions", json);

        JsonElement choice = body.GetProperty("choices")[0];
        Assert.Equal("tool_calls", choice.GetProperty("finish_reason").GetString());
        JsonElement message = choice.GetProperty("message");
        Assert.Equal(JsonValueKind.Null, message.GetProperty("content").ValueKind);
        JsonElement call = Assert.Single(message.GetProperty("tool_calls").EnumerateArray());
        Assert.Equal("call_0", call.GetProperty("id").GetString());
        Assert.Equal("function", call.GetProperty("type").GetString());
        Assert.Equal("get_time", call.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("""{"zone":"sample","utc":true}""", call.GetProperty("function").GetProperty("arguments").GetString());
    }

    [Fact]
    public async Task Chat_ToolResultAsLastMessage_IsAnsweredInText()
    {
        await using var fake = await FakeOpenAIUpstream.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient();
        string json = """
            {"model":"gpt-4o-mini","tool_choice":"required","tools":[{"type":"function","function":{"name":"get_weather"}}],
             "messages":[{"role":"user","content":"weather?"},
              {"role":"assistant","content":null,"tool_calls":[{"id":"call_0","type":"function","function":{"name":"get_weather","arguments":"{}"}}]},
              {"role":"tool","tool_call_id":"call_0","content":"sunny, 21C"}]}
            """;

        (_, JsonElement body) = await PostJsonAsync(http, fake.BaseUrl, "/chat/completions", json);

        JsonElement choice = body.GetProperty("choices")[0];
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        Assert.Contains("sunny, 21C", choice.GetProperty("message").GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_ResponseFormats_GiveJsonObjectText()
    {
        await using var fake = await FakeOpenAIUpstream.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient();
        const string schema = """
            ,"response_format":{"type":"json_schema","json_schema":{"name":"p","strict":true,"schema":{"type":"object",
             "properties":{"name":{"type":"string"},"age":{"type":"integer"},"score":{"type":"number"},"ok":{"type":"boolean"},
             "tags":{"type":"array","items":{"type":"string"}},"addr":{"type":"object","properties":{"zip":{"type":"string"}},"required":["zip"]},
             "kind":{"type":["string","null"],"enum":["a","b"]},"extra":{"type":"string"}},
             "required":["name","age","score","ok","tags","addr","kind"]}}}
            """;

        (_, JsonElement objectBody) = await PostJsonAsync(http, fake.BaseUrl, "/chat/completions", Chat("hi", ""","response_format":{"type":"json_object"}"""));
        (_, JsonElement schemaBody) = await PostJsonAsync(http, fake.BaseUrl, "/chat/completions", Chat("hi", schema));

        JsonElement obj = Parse(objectBody.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!);
        Assert.Equal("echo: hi", obj.GetProperty("reply").GetString());
        JsonElement sample = Parse(schemaBody.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!);
        Assert.Equal(
            """{"name":"sample","age":1,"score":1.5,"ok":true,"tags":["sample"],"addr":{"zip":"sample"},"kind":"a"}""",
            sample.GetRawText());
    }

    [Fact]
    public async Task Chat_Logprobs_OneEntryPerToken()
    {
        await using var fake = await FakeOpenAIUpstream.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient();

        (_, JsonElement body) = await PostJsonAsync(http, fake.BaseUrl, "/chat/completions", Chat("héllo", ""","logprobs":true"""));

        JsonElement logprobs = body.GetProperty("choices")[0].GetProperty("logprobs");
        Assert.Equal(JsonValueKind.Null, logprobs.GetProperty("refusal").ValueKind);
        JsonElement[] tokens = [.. logprobs.GetProperty("content").EnumerateArray()];
        Assert.Equal(["echo:", " héllo"], tokens.Select(t => t.GetProperty("token").GetString()));
        Assert.All(tokens, t => Assert.True(t.GetProperty("logprob").GetDouble() < 0));
        Assert.All(tokens, t => Assert.Equal(0, t.GetProperty("top_logprobs").GetArrayLength()));
        byte[] bytes = [.. tokens[1].GetProperty("bytes").EnumerateArray().Select(b => (byte)b.GetInt32())];
        Assert.Equal(" héllo", Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public async Task Chat_MaxTokens_TruncatesWithLength()
    {
        await using var fake = await FakeOpenAIUpstream.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient();

        (_, JsonElement body) = await PostJsonAsync(http, fake.BaseUrl, "/chat/completions", Chat("a b c d", ""","max_completion_tokens":2"""));

        JsonElement choice = body.GetProperty("choices")[0];
        Assert.Equal("echo: a", choice.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("length", choice.GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Completions_Legacy_NonStreamAndStream()
    {
        await using var fake = await FakeOpenAIUpstream.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient();

        (_, JsonElement body) = await PostJsonAsync(
            http, fake.BaseUrl, "/completions", """{"model":"gpt-3.5-turbo-instruct","prompt":["say this","and [1,2]"]}""");
        using HttpResponseMessage streamed = await http.SendAsync(
            Post(fake.BaseUrl, "/completions", """{"model":"gpt-3.5-turbo-instruct","prompt":"go on","stream":true,"stream_options":{"include_usage":true}}"""),
            HttpCompletionOption.ResponseHeadersRead,
            Ct);
        List<string> events = await ReadEventsAsync(streamed);

        Assert.StartsWith("cmpl-", body.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("text_completion", body.GetProperty("object").GetString());
        JsonElement[] choices = [.. body.GetProperty("choices").EnumerateArray()];
        Assert.Equal(["echo: say this", "echo: and [1,2]"], choices.Select(c => c.GetProperty("text").GetString()));
        Assert.Equal([0, 1], choices.Select(c => c.GetProperty("index").GetInt32()));
        Assert.All(choices, c => Assert.Equal(JsonValueKind.Null, c.GetProperty("logprobs").ValueKind));
        Assert.All(choices, c => Assert.Equal("stop", c.GetProperty("finish_reason").GetString()));
        Assert.Equal(6, body.GetProperty("usage").GetProperty("completion_tokens").GetInt32());

        Assert.Equal("[DONE]", events[^1]);
        JsonElement[] chunks = [.. events[..^1].Select(Parse)];
        Assert.All(chunks, c => Assert.Equal("text_completion", c.GetProperty("object").GetString()));
        Assert.All(chunks[..^1], c => Assert.Equal(JsonValueKind.Null, c.GetProperty("usage").ValueKind));
        Assert.Equal("echo: go on", string.Concat(chunks[..^1].Select(c => c.GetProperty("choices")[0].GetProperty("text").GetString())));
        Assert.Equal("stop", chunks[^2].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(0, chunks[^1].GetProperty("choices").GetArrayLength());
        Assert.Equal(3, chunks[^1].GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Embeddings_FloatAndBase64_DecodeToTheSameVectors()
    {
        await using var fake = await FakeOpenAIUpstream.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient();
        const string input = """["alpha","beta gamma"]""";

        (_, JsonElement floats) = await PostJsonAsync(http, fake.BaseUrl, "/embeddings", $$"""{"model":"text-embedding-3-small","input":{{input}}}""");
        (_, JsonElement base64) = await PostJsonAsync(
            http, fake.BaseUrl, "/embeddings", $$"""{"model":"text-embedding-3-small","input":{{input}},"encoding_format":"base64"}""");

        Assert.Equal("list", floats.GetProperty("object").GetString());
        Assert.Equal("text-embedding-3-small", floats.GetProperty("model").GetString());
        JsonElement usage = floats.GetProperty("usage");
        Assert.Equal(usage.GetProperty("prompt_tokens").GetInt32(), usage.GetProperty("total_tokens").GetInt32());
        for (int i = 0; i < 2; i++)
        {
            JsonElement item = floats.GetProperty("data")[i];
            Assert.Equal("embedding", item.GetProperty("object").GetString());
            Assert.Equal(i, item.GetProperty("index").GetInt32());
            float[] fromFloats = [.. item.GetProperty("embedding").EnumerateArray().Select(e => e.GetSingle())];
            float[] fromBase64 = MemoryMarshal.Cast<byte, float>(Convert.FromBase64String(base64.GetProperty("data")[i].GetProperty("embedding").GetString()!)).ToArray();
            Assert.Equal(8, fromFloats.Length);
            Assert.Equal(fromFloats, fromBase64);
            Assert.Equal(FakeOpenAIUpstream.ExpectedEmbedding(i == 0 ? "alpha" : "beta gamma"), fromFloats);
            Assert.Equal(1.0, Math.Sqrt(fromFloats.Sum(f => (double)f * f)), 4);
        }

        Assert.NotEqual(floats.GetProperty("data")[0].GetProperty("embedding").GetRawText(), floats.GetProperty("data")[1].GetProperty("embedding").GetRawText());
    }

    [Fact]
    public async Task Embeddings_TokenInputsAndDimensions()
    {
        await using var fake = await FakeOpenAIUpstream.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient();

        (_, JsonElement tokens) = await PostJsonAsync(http, fake.BaseUrl, "/embeddings", """{"model":"e","input":[[1,2,3],[4]],"dimensions":3}""");
        (_, JsonElement single) = await PostJsonAsync(http, fake.BaseUrl, "/embeddings", """{"model":"e","input":[1,2,3],"dimensions":3}""");
        (HttpResponseMessage bad, JsonElement error) = await PostJsonAsync(http, fake.BaseUrl, "/embeddings", """{"model":"e","input":[{"x":1}]}""");

        Assert.Equal(2, tokens.GetProperty("data").GetArrayLength());
        Assert.Equal(3, tokens.GetProperty("data")[0].GetProperty("embedding").GetArrayLength());
        Assert.Equal(4, tokens.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(tokens.GetProperty("data")[0].GetProperty("embedding").GetRawText(), single.GetProperty("data")[0].GetProperty("embedding").GetRawText());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("input", error.GetProperty("error").GetProperty("param").GetString());
    }

    [Fact]
    public async Task Models_ListGetAndNotFound()
    {
        await using var fake = await FakeOpenAIUpstream.StartAsync(new FakeOpenAIOptions { Models = ["m-one", "m-two"], ModelsOwnedBy = "acme" }, Ct);
        using var http = new HttpClient();

        JsonElement list = await ReadJsonAsync(await http.GetAsync(new Uri(fake.BaseUrl + "/models"), Ct));
        using HttpResponseMessage one = await http.GetAsync(new Uri(fake.BaseUrl + "/models/m-two"), Ct);
        using HttpResponseMessage missing = await http.GetAsync(new Uri(fake.BaseUrl + "/models/nope"), Ct);

        Assert.Equal("list", list.GetProperty("object").GetString());
        Assert.Equal(["m-one", "m-two"], list.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        JsonElement model = await ReadJsonAsync(one);
        Assert.Equal("model", model.GetProperty("object").GetString());
        Assert.Equal("acme", model.GetProperty("owned_by").GetString());
        Assert.True(model.GetProperty("created").GetInt64() > 0);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        JsonElement error = (await ReadJsonAsync(missing)).GetProperty("error");
        Assert.Equal("model_not_found", error.GetProperty("code").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
    }

    [Fact]
    public async Task MalformedJsonAndUnknownRoutes_GetOpenAIShapedErrors()
    {
        await using var fake = await FakeOpenAIUpstream.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient();

        (HttpResponseMessage malformed, JsonElement malformedBody) = await PostJsonAsync(http, fake.BaseUrl, "/chat/completions", "{\"model\":");
        (HttpResponseMessage unknown, JsonElement unknownBody) = await PostJsonAsync(http, fake.BaseUrl, "/nothing", "{}");
        (HttpResponseMessage noMessages, JsonElement noMessagesBody) = await PostJsonAsync(http, fake.BaseUrl, "/chat/completions", """{"model":"x"}""");

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        AssertErrorShape(malformedBody, "invalid_request_error");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        AssertErrorShape(unknownBody, "invalid_request_error");
        Assert.Equal(HttpStatusCode.BadRequest, noMessages.StatusCode);
        Assert.Equal("messages", noMessagesBody.GetProperty("error").GetProperty("param").GetString());
    }

    [Fact]
    public async Task Auth_WrongOrMissingKey_Gets401WithoutEchoingTheKey()
    {
        await using var fake = await FakeOpenAIUpstream.StartAsync(new FakeOpenAIOptions { ExpectedApiKey = "sk-right" }, Ct);
        using var http = new HttpClient();

        using HttpResponseMessage wrong = await http.SendAsync(Post(fake.BaseUrl, "/chat/completions", Chat("x"), apiKey: "sk-wrong-secret"), Ct);
        using HttpResponseMessage missing = await http.SendAsync(Post(fake.BaseUrl, "/chat/completions", Chat("x"), apiKey: null), Ct);
        using HttpResponseMessage right = await http.SendAsync(Post(fake.BaseUrl, "/chat/completions", Chat("x"), apiKey: "sk-right"), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        string text = await wrong.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("sk-", text, StringComparison.Ordinal);
        JsonElement error = Parse(text).GetProperty("error");
        AssertErrorShape(Parse(text), "invalid_request_error");
        Assert.Equal("invalid_api_key", error.GetProperty("code").GetString());
        Assert.StartsWith("Incorrect API key provided", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recording_KeepsMethodPathHeadersAndBody()
    {
        await using var fake = await FakeOpenAIUpstream.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient();
        using HttpRequestMessage request = Post(fake.BaseUrl, "/chat/completions?trace=1", Chat("rec"));
        request.Headers.Add("OpenAI-Project", "proj_1");

        using HttpResponseMessage response = await http.SendAsync(request, Ct);
        RecordedRequest next = await fake.NextRequestAsync(_wait, Ct);

        RecordedRequest recorded = Assert.Single(fake.Requests);
        Assert.Same(recorded, next);
        Assert.Equal("POST", recorded.Method);
        Assert.Equal("/v1/chat/completions?trace=1", recorded.Path);
        Assert.Equal("proj_1", recorded.Header("openai-project"));
        Assert.Equal("Bearer sk-test", recorded.Headers["AUTHORIZATION"].ToString());
        Assert.Equal("rec", recorded.BodyJson.GetProperty("messages")[1].GetProperty("content").GetString());
        Assert.Equal(Chat("rec"), recorded.BodyText);
        Assert.Equal(1, fake.RequestCount);
        Assert.False(recorded.WasAborted);
    }

    [Fact]
    public async Task Script_IsFifoAcrossEndpoints_ThenFallsBackToSuccess()
    {
        await using var fake = await FakeOpenAIUpstream.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient();
        fake.Enqueue(
            FakeBehavior.Error(500, "server_error", null, "boom"),
            FakeBehavior.Error(503, "server_error", null, "The engine is currently overloaded"));

        using HttpResponseMessage first = await http.GetAsync(new Uri(fake.BaseUrl + "/models"), Ct);
        using HttpResponseMessage second = await http.SendAsync(Post(fake.BaseUrl, "/chat/completions", Chat("x")), Ct);
        using HttpResponseMessage third = await http.SendAsync(Post(fake.BaseUrl, "/chat/completions", Chat("x")), Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, first.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal(0, fake.QueuedBehaviorCount);
    }

    [Fact]
    public async Task Error_429_CarriesRetryAfterHeadersAndTheErrorObject()
    {
        await using var fake = await FakeOpenAIUpstream.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient();
        fake.Enqueue(
            FakeBehavior.Error(
                429, "requests", "rate_limit_exceeded", "Rate limit reached. Please try again in 1s.", headers: new Dictionary<string, string> { ["Retry-After"] = "1" }),
            FakeBehavior.RateLimited(TimeSpan.FromMilliseconds(1500)));

        using HttpResponseMessage first = await http.SendAsync(Post(fake.BaseUrl, "/chat/completions", Chat("x")), Ct);
        using HttpResponseMessage second = await http.SendAsync(Post(fake.BaseUrl, "/chat/completions", Chat("x")), Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, first.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), first.Headers.RetryAfter?.Delta);
        Assert.True(first.Headers.Contains("x-request-id"));
        JsonElement error = (await ReadJsonAsync(first)).GetProperty("error");
        Assert.Equal("requests", error.GetProperty("type").GetString());
        Assert.Equal("rate_limit_exceeded", error.GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("param").ValueKind);
        Assert.Equal(TimeSpan.FromSeconds(2), second.Headers.RetryAfter?.Delta);
        Assert.Equal("1500", second.Headers.GetValues("retry-after-ms").Single());
    }

    [Fact]
    public async Task RawErrorAndGarbage_SendTheBodyAsIs()
    {
        await using var fake = await FakeOpenAIUpstream.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient();
        fake.Enqueue(
            FakeBehavior.RawError(502, "<html><body>502 Bad Gateway</body></html>", "text/html"),
            FakeBehavior.Garbage(),
            FakeBehavior.RawError(400, """{"error":{"code":"content_filter","message":"filtered","status":400}}"""));

        using HttpResponseMessage raw = await http.SendAsync(Post(fake.BaseUrl, "/chat/completions", Chat("x")), Ct);
        using HttpResponseMessage garbage = await http.SendAsync(Post(fake.BaseUrl, "/chat/completions", Chat("x", ""","stream":true""")), Ct);
        using HttpResponseMessage azure = await http.SendAsync(Post(fake.BaseUrl, "/chat/completions", Chat("x")), Ct);

        Assert.Equal(HttpStatusCode.BadGateway, raw.StatusCode);
        Assert.Equal("<html><body>502 Bad Gateway</body></html>", await raw.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, garbage.StatusCode);
        Assert.Equal("text/html", garbage.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<html>", await garbage.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, azure.StatusCode);
        Assert.Equal("content_filter", (await ReadJsonAsync(azure)).GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Hang_ClientAbortIsObserved()
    {
        await using var fake = await FakeOpenAIUpstream.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient();
        fake.Enqueue(FakeBehavior.Hang());
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        Task<HttpResponseMessage> pending = http.SendAsync(Post(fake.BaseUrl, "/chat/completions", Chat("x")), cts.Token);
        await fake.NextRequestAsync(_wait, Ct);
        Assert.False(pending.IsCompleted);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        await fake.WaitForAbortAsync(_wait, Ct);
        Assert.Equal(1, fake.AbortedCount);
        Assert.True(fake.Requests[0].WasAborted);
    }

    [Fact]
    public async Task Dispose_EndsHangingRequestsPromptly_WithoutCountingAborts()
    {
        var fake = await FakeOpenAIUpstream.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient();
        fake.Enqueue(FakeBehavior.Hang());
        Task<HttpResponseMessage> pending = http.SendAsync(Post(fake.BaseUrl, "/chat/completions", Chat("x")), Ct);
        await fake.NextRequestAsync(_wait, Ct);
        long start = Stopwatch.GetTimestamp();

        await fake.DisposeAsync();

        Assert.True(Stopwatch.GetElapsedTime(start) < TimeSpan.FromSeconds(3));
        await Assert.ThrowsAsync<HttpRequestException>(() => pending);
        Assert.Equal(0, fake.AbortedCount);
        await Assert.ThrowsAsync<TimeoutException>(() => fake.WaitForAbortAsync(TimeSpan.FromMilliseconds(50), Ct));
    }

    [Fact]
    public async Task ClientAbortMidStream_IsObserved()
    {
        await using var fake = await FakeOpenAIUpstream.StartAsync(new FakeOpenAIOptions { StreamChunkDelayMs = 50 }, Ct);
        using var http = new HttpClient();
        string json = Chat(string.Join(' ', Enumerable.Repeat("word", 200)), ""","stream":true""");

        using (HttpResponseMessage response = await http.SendAsync(Post(fake.BaseUrl, "/chat/completions", json), HttpCompletionOption.ResponseHeadersRead, Ct))
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Ct));
            Assert.StartsWith("data: ", await reader.ReadLineAsync(Ct), StringComparison.Ordinal);
        }

        await fake.WaitForAbortAsync(_wait, Ct);
        Assert.Equal(1, fake.AbortedCount);
    }

    [Fact]
    public async Task ResetMidStream_ClientGetsNChunksThenAnIOError()
    {
        await using var fake = await FakeOpenAIUpstream.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient();
        fake.Enqueue(FakeBehavior.ResetMidStream(3));
        string json = Chat("one two three four five six", ""","stream":true""");

        using HttpResponseMessage response = await http.SendAsync(Post(fake.BaseUrl, "/chat/completions", json), HttpCompletionOption.ResponseHeadersRead, Ct);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Ct));
        var events = new List<string>();
        Exception error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            while (await reader.ReadLineAsync(Ct) is { } line)
            {
                if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    events.Add(line);
                }
            }
        });

        Assert.True(error is IOException or HttpRequestException, error.ToString());
        Assert.Equal(3, events.Count);
        Assert.Equal(0, fake.AbortedCount);
    }

    [Fact]
    public async Task ResetMidStream_NonStreaming_CutsTheBody()
    {
        await using var fake = await FakeOpenAIUpstream.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient();
        fake.Enqueue(FakeBehavior.ResetMidStream(0));

        Exception error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            using HttpResponseMessage response = await http.SendAsync(Post(fake.BaseUrl, "/chat/completions", Chat("x")), Ct);
            await response.Content.ReadAsStringAsync(Ct);
        });

        Assert.True(error is IOException or HttpRequestException, error.ToString());
    }

    [Fact]
    public async Task ResetBeforeResponse_FailsTheRequest_AndIsNotCountedAsClientAbort()
    {
        await using var fake = await FakeOpenAIUpstream.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient();
        fake.Enqueue(FakeBehavior.ResetBeforeResponse());

        await Assert.ThrowsAsync<HttpRequestException>(() => http.SendAsync(Post(fake.BaseUrl, "/chat/completions", Chat("x")), Ct));
        using HttpResponseMessage after = await http.SendAsync(Post(fake.BaseUrl, "/chat/completions", Chat("x")), Ct);

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(0, fake.AbortedCount);
    }

    [Fact]
    public async Task ErrorInStream_SendsAnErrorEventAndNoDone()
    {
        await using var fake = await FakeOpenAIUpstream.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient();
        fake.Enqueue(FakeBehavior.ErrorInStream(2));

        using HttpResponseMessage response = await http.SendAsync(
            Post(fake.BaseUrl, "/chat/completions", Chat("one two three four", ""","stream":true""")), HttpCompletionOption.ResponseHeadersRead, Ct);
        List<string> events = await ReadEventsAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, events.Count);
        Assert.All(events[..2], e => Assert.Equal("chat.completion.chunk", Parse(e).GetProperty("object").GetString()));
        AssertErrorShape(Parse(events[2]), "server_error");
        Assert.Equal(JsonValueKind.Null, Parse(events[2]).GetProperty("error").GetProperty("code").ValueKind);
    }

    [Fact]
    public async Task Delay_AnswersNormallyAfterTheDelay()
    {
        await using var fake = await FakeOpenAIUpstream.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient();
        fake.Enqueue(FakeBehavior.Delay(TimeSpan.FromMilliseconds(300)));
        long start = Stopwatch.GetTimestamp();

        (HttpResponseMessage response, JsonElement body) = await PostJsonAsync(http, fake.BaseUrl, "/chat/completions", Chat("late"));

        Assert.True(Stopwatch.GetElapsedTime(start) >= TimeSpan.FromMilliseconds(250));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("echo: late", body.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
    }

    [Fact]
    public async Task SlowFirstByte_SendsHeadersFirstThenTheStreamLater()
    {
        await using var fake = await FakeOpenAIUpstream.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient();
        fake.Enqueue(FakeBehavior.SlowFirstByte(TimeSpan.FromMilliseconds(800)));
        long start = Stopwatch.GetTimestamp();

        using HttpResponseMessage response = await http.SendAsync(
            Post(fake.BaseUrl, "/chat/completions", Chat("slow", ""","stream":true""")), HttpCompletionOption.ResponseHeadersRead, Ct);
        TimeSpan headers = Stopwatch.GetElapsedTime(start);
        List<string> events = await ReadEventsAsync(response);
        TimeSpan body = Stopwatch.GetElapsedTime(start);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("[DONE]", events[^1]);
        Assert.True(body >= TimeSpan.FromMilliseconds(750), $"body after {body}");
        Assert.True(body - headers >= TimeSpan.FromMilliseconds(300), $"headers after {headers}, body after {body}");
    }

    private static void AssertErrorShape(JsonElement body, string type)
    {
        JsonElement error = Assert.Single(body.EnumerateObject()).Value;
        Assert.Equal(["message", "type", "param", "code"], error.EnumerateObject().Select(p => p.Name));
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
    }
}
