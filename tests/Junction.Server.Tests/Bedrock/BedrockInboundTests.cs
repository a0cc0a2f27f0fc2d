using System.Text.Json;
using Junction.Server.Tests.Infrastructure;
using Junction.TestKit.Bedrock;

namespace Junction.Server.Tests.Bedrock;

/// <summary>
/// The Bedrock-native inbound surface driven by real AWS clients: boto3's <c>bedrock-runtime</c> client and the AWS CLI
/// with <c>endpoint_url</c> set to Junction and the Junction key as a Bedrock API key. Targets: a Bedrock deployment
/// (passthrough, re-signed for the signature-checking fake) and a mock deployment (Converse translated).
/// </summary>
public sealed class BedrockInboundTests : IAsyncLifetime
{
    private const string Boto3Script = """
        import json, sys, os
        import boto3
        from botocore.config import Config
        from botocore.exceptions import ClientError

        client = boto3.client("bedrock-runtime", endpoint_url=os.environ["JUNCTION_URL"], region_name="us-east-1",
                              config=Config(retries={"total_max_attempts": 1, "mode": "standard"}))
        model = sys.argv[1]
        messages = [{"role": "user", "content": [{"text": "hello from boto"}]}]
        out = {}
        try:
            r = client.converse(modelId=model, messages=messages, system=[{"text": "be brief"}], inferenceConfig={"maxTokens": 64})
            out["text"] = r["output"]["message"]["content"][0]["text"]
            out["stop"] = r["stopReason"]
            out["usage"] = r["usage"]
            s = client.converse_stream(modelId=model, messages=messages, inferenceConfig={"maxTokens": 64})
            events, parts = [], []
            for event in s["stream"]:
                kind = next(iter(event))
                events.append(kind)
                if kind == "contentBlockDelta":
                    parts.append(event[kind]["delta"].get("text", ""))
                if kind == "metadata":
                    out["stream_usage"] = event[kind]["usage"]
            out["events"] = events
            out["stream_text"] = "".join(parts)
        except ClientError as e:
            out["error"] = e.response["Error"]["Code"]
            out["status"] = e.response["ResponseMetadata"]["HTTPStatusCode"]
            out["message"] = e.response["Error"]["Message"]
        print(json.dumps(out))
        """;

    private FakeBedrockRuntime _fake = null!;
    private JunctionTestServer _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Url => new Uri(_server.BaseUrl, "/bedrock").ToString();

    public async ValueTask InitializeAsync() => (_fake, _server) = await BedrockTestConfig.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _fake.DisposeAsync();
    }

    private async Task<JsonElement> Boto3Async(string model, string key = BedrockTestConfig.MasterKey)
    {
        var output = await AwsToolRunner.RunPythonAsync(Boto3Script.Replace("os.environ[\"JUNCTION_URL\"]", $"\"{Url}\"", StringComparison.Ordinal), key, Ct, model);
        using var document = JsonDocument.Parse(output);
        return document.RootElement.Clone();
    }

    [Fact]
    public async Task Boto3_ConverseAndStream_ToABedrockDeployment_PassThroughReSigned()
    {
        var result = await Boto3Async("claude");

        Assert.False(result.TryGetProperty("error", out _), result.ToString());
        Assert.Equal("Bedrock says: hello from boto", result.GetProperty("text").GetString());
        Assert.Equal("end_turn", result.GetProperty("stop").GetString());
        Assert.Equal("Bedrock says: hello from boto", result.GetProperty("stream_text").GetString());
        var events = result.GetProperty("events").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal("messageStart", events[0]);
        Assert.Equal(["messageStop", "metadata"], events[^2..]);
        Assert.Equal(2, _fake.Requests.Count);
        Assert.All(_fake.Requests, r => Assert.Equal("sigv4", r.AuthScheme));
        Assert.Equal(0, _fake.RejectedCount);
        Assert.Equal("be brief", _fake.Requests[0].Json!["system"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Boto3_UpstreamModelIdWithColon_ResolvesToItsDeployment()
    {
        var result = await Boto3Async("anthropic.claude-3-5-sonnet-20240620-v1:0");

        Assert.Equal("Bedrock says: hello from boto", result.GetProperty("text").GetString());
        Assert.Equal("/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse", _fake.Requests[0].RawTarget);
    }

    [Fact]
    public async Task Boto3_ConverseAndStream_ToAMockDeployment_Translated()
    {
        var result = await Boto3Async("demo");

        Assert.False(result.TryGetProperty("error", out _), result.ToString());
        var text = result.GetProperty("text").GetString();
        Assert.False(string.IsNullOrEmpty(text));
        Assert.Equal("end_turn", result.GetProperty("stop").GetString());
        Assert.True(result.GetProperty("usage").GetProperty("inputTokens").GetInt32() > 0);
        Assert.False(string.IsNullOrEmpty(result.GetProperty("stream_text").GetString()));
        var events = result.GetProperty("events").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal("messageStart", events[0]);
        Assert.Contains("contentBlockDelta", events);
        Assert.Equal(["contentBlockStop", "messageStop", "metadata"], events[^3..]);
        Assert.True(result.GetProperty("stream_usage").GetProperty("outputTokens").GetInt32() > 0);
        Assert.Empty(_fake.Requests);
    }

    [Fact]
    public async Task Boto3_WrongJunctionKey_IsABedrockShaped403()
    {
        var result = await Boto3Async("claude", key: "not-the-key");

        Assert.Equal("UnrecognizedClientException", result.GetProperty("error").GetString());
        Assert.Equal(403, result.GetProperty("status").GetInt32());
        Assert.Empty(_fake.Requests);
    }

    [Fact]
    public async Task Boto3_UnknownModel_IsResourceNotFound()
    {
        var result = await Boto3Async("no-such-model");

        Assert.Equal("ResourceNotFoundException", result.GetProperty("error").GetString());
        Assert.Equal(404, result.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Boto3_UpstreamThrottling_IsAThrottlingException()
    {
        _fake.Enqueue(FakeBedrockBehavior.Throttling());
        var result = await Boto3Async("claude");

        Assert.Equal("ThrottlingException", result.GetProperty("error").GetString());
        Assert.Equal(429, result.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Converse_UpstreamThrottling_OverRawHttp_IsNotRetriedByJunction()
    {
        _fake.Enqueue(FakeBedrockBehavior.Throttling());
        using var response = await _server.PostJsonAsync("/bedrock/model/claude/converse", """{"messages":[{"role":"user","content":[{"text":"x"}]}]}""",
            BedrockTestConfig.MasterKey, cancellationToken: Ct);

        Assert.Equal(429, (int)response.StatusCode);
        Assert.Equal("ThrottlingException", response.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Single(_fake.Requests);
    }

    [Fact]
    public async Task AwsCli_Converse_AgainstJunction()
    {
        var output = await AwsToolRunner.RunAwsCliAsync(
        [
            "bedrock-runtime", "converse", "--endpoint-url", Url, "--region", "us-east-1", "--model-id", "claude",
            "--messages", """[{"role":"user","content":[{"text":"hi from the cli"}]}]""", "--output", "json",
        ], BedrockTestConfig.MasterKey, Ct);

        using var document = JsonDocument.Parse(output);
        Assert.Equal("Bedrock says: hi from the cli",
            document.RootElement.GetProperty("output").GetProperty("message").GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Invoke_ToAMockModel_IsA400ValidationException_InBedrockShape()
    {
        using var response = await _server.PostJsonAsync("/bedrock/model/demo/invoke", """{"inputText":"x"}""", BedrockTestConfig.MasterKey, cancellationToken: Ct);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("ValidationException", response.Headers.GetValues("x-amzn-ErrorType").Single());
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Contains("InvokeModel bodies are model-native", document.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_And_InvokeStream_PassThroughToBedrock_WithTokenHeaders()
    {
        using var invoked = await _server.PostJsonAsync("/bedrock/model/titan-v2/invoke", """{"inputText":"three word text"}""",
            BedrockTestConfig.MasterKey, cancellationToken: Ct);
        using var streamed = await _server.PostJsonAsync("/bedrock/model/claude/invoke-with-response-stream",
            """{"anthropic_version":"bedrock-2023-05-31","max_tokens":10,"messages":[{"role":"user","content":"hey"}]}""", BedrockTestConfig.MasterKey, cancellationToken: Ct);

        Assert.Equal(System.Net.HttpStatusCode.OK, invoked.StatusCode);
        Assert.Equal("3", invoked.Headers.GetValues("X-Amzn-Bedrock-Input-Token-Count").Single());
        using var embedding = JsonDocument.Parse(await invoked.Content.ReadAsStringAsync(Ct));
        Assert.Equal(1024, embedding.RootElement.GetProperty("embedding").GetArrayLength());
        Assert.Equal("application/vnd.amazon.eventstream", streamed.Content.Headers.ContentType?.MediaType);
        var frames = FakeEventStreamEncoder.Decode(await streamed.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(3, frames.Count);
        Assert.All(frames, f => Assert.Equal("chunk", f.Headers[":event-type"]));
    }
}
