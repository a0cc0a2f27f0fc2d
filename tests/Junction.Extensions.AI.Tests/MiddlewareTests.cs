using System.ComponentModel;
using Junction.Extensions.AI.Tests.TestSupport;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Junction.Extensions.AI.Tests;

/// <summary>Junction's chat client inside M.E.AI's <see cref="ChatClientBuilder"/> pipeline.</summary>
public sealed class MiddlewareTests : IAsyncLifetime
{
    private FakeUpstreamFixture _fixture = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _fixture = await FakeUpstreamFixture.StartAsync();

    public ValueTask DisposeAsync() => _fixture.DisposeAsync();

    [Description("The weather in a city")]
    private static string GetWeather([Description("The city")] string city) => $"sunny in {city}";

    [Fact]
    public async Task UseFunctionInvocation_ToolCallIsRunAndItsResultSentBack()
    {
        using var client = _fixture.Chat().AsBuilder().UseFunctionInvocation().Build();
        var options = new ChatOptions { Tools = [AIFunctionFactory.Create(GetWeather, "get_weather")], ToolMode = ChatToolMode.RequireAny };

        var response = await client.GetResponseAsync("weather in Oslo?", options, Ct);

        Assert.StartsWith("tool result: sunny in ", response.Text, StringComparison.Ordinal);
        var requests = _fixture.Fake.Requests;
        Assert.Equal(2, requests.Count);
        var second = requests[1].BodyJson.GetProperty("messages");
        var call = second[1].GetProperty("tool_calls")[0];
        Assert.Equal("get_weather", call.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("tool", second[2].GetProperty("role").GetString());
        Assert.Equal(call.GetProperty("id").GetString(), second[2].GetProperty("tool_call_id").GetString());
        Assert.StartsWith("sunny in ", second[2].GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, _fixture.Observer.Records.Count);
    }

    [Fact]
    public async Task UseFunctionInvocation_Streaming_ToolCallsAssembledFromFragments()
    {
        using var client = _fixture.Chat().AsBuilder().UseFunctionInvocation().Build();
        var options = new ChatOptions { Tools = [AIFunctionFactory.Create(GetWeather, "get_weather")], ToolMode = ChatToolMode.RequireAny };

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync("weather in Oslo?", options, Ct))
        {
            updates.Add(update);
        }

        var calls = updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>().ToList();
        Assert.Equal("get_weather", Assert.Single(calls).Name);
        Assert.StartsWith("tool result: sunny in ", updates.ToChatResponse().Text, StringComparison.Ordinal);
        Assert.Equal(2, _fixture.Fake.Requests.Count);
    }

    [Fact]
    public async Task UseDistributedCache_SecondIdenticalCallIsServedFromTheCache()
    {
        var cache = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        using var client = _fixture.Chat().AsBuilder().UseDistributedCache(cache).Build();

        var first = await client.GetResponseAsync("cache me", cancellationToken: Ct);
        var second = await client.GetResponseAsync("cache me", cancellationToken: Ct);

        Assert.Equal(first.Text, second.Text);
        Assert.Single(_fixture.Fake.Requests);
    }

    [Fact]
    public async Task UseLoggingAndUseOpenTelemetry_WrapJunction_JunctionSpansNestUnderTheMEAISpan()
    {
        using var recorder = new ActivityRecorder();
        using var loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace));
        using var client = _fixture.Chat().AsBuilder().UseLogging(loggerFactory).UseOpenTelemetry(sourceName: "Microsoft.Extensions.AI.Tests").Build();

        var response = await client.GetResponseAsync("traced", cancellationToken: Ct);

        Assert.Equal("echo: traced", response.Text);
        var meai = Assert.Single(recorder.All, a => a.Source.Name == "Microsoft.Extensions.AI.Tests");
        var request = Assert.Single(recorder.Junction, a => a.Kind == System.Diagnostics.ActivityKind.Internal);
        Assert.Equal(meai.SpanId, request.ParentSpanId);
    }
}
