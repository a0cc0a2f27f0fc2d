using Junction.Extensions.AI.Tests.TestSupport;
using Junction.Spend;
using Junction.TestKit.OpenAI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Junction.Extensions.AI.Tests;

public sealed class DependencyInjectionTests : IAsyncLifetime
{
    private FakeOpenAIUpstream _fake = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _fake = await FakeOpenAIUpstream.StartAsync(new FakeOpenAIOptions { ExpectedApiKey = Configs.UpstreamKey });

    public ValueTask DisposeAsync() => _fake.DisposeAsync();

    [Fact]
    public async Task AddJunction_FromYamlFile_KeyedClientsPerModel_DefaultClient_ObserversFromDI()
    {
        var path = Path.Combine(Path.GetTempPath(), $"junction-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, Configs.Yaml(_fake.BaseUrl), Ct);
        try
        {
            var observer = new InMemoryRequestObserver();
            var services = new ServiceCollection()
                .AddSingleton<IRequestObserver>(observer)
                .AddJunction(o =>
                {
                    o.LoadConfig(path);
                    o.DefaultChatModel = "smart";
                    o.DefaultEmbeddingModel = "embed";
                });
            await using var provider = services.BuildServiceProvider();

            var smart = provider.GetRequiredKeyedService<IChatClient>("smart");
            var demo = provider.GetRequiredKeyedService<IChatClient>("demo");
            Assert.Equal("echo: hi", (await smart.GetResponseAsync("hi", cancellationToken: Ct)).Text);
            Assert.Contains("mock", (await demo.GetResponseAsync("hi", cancellationToken: Ct)).Text, StringComparison.OrdinalIgnoreCase);
            Assert.Equal("smart", provider.GetRequiredService<IChatClient>().GetService<ChatClientMetadata>()!.DefaultModelId);
            Assert.Equal("embed", provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>().GetService<EmbeddingGeneratorMetadata>()!.DefaultModelId);
            Assert.NotNull(provider.GetRequiredKeyedService<IEmbeddingGenerator<string, Embedding<float>>>("embed"));
            Assert.Null(provider.GetKeyedService<IChatClient>("not-a-model"));
            Assert.Same(provider.GetRequiredService<JunctionRuntime>(), smart.GetService<JunctionRuntime>());
            Assert.Equal(2, observer.Records.Count);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task AddJunction_FromCode_WithChatClientPipeline()
    {
        var services = new ServiceCollection().AddJunction(o => o
            .AddModel("gpt-4o", m => m.OpenAI("gpt-4o", Configs.UpstreamKey, _fake.BaseUrl.ToString()).Routing(r => r.Retries = 0))
            .AddModel("offline", m => m.Mock())
            .UseChatClientPipeline((client, sp) => client.AsBuilder().UseFunctionInvocation().Build(sp)));
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredKeyedService<IChatClient>("gpt-4o");

        Assert.NotNull(client.GetService<FunctionInvokingChatClient>());
        Assert.Equal("echo: from code", (await client.GetResponseAsync("from code", cancellationToken: Ct)).Text);
        Assert.Equal("gpt-4o", _fake.Requests.Single().BodyJson.GetProperty("model").GetString());
    }

    [Fact]
    public void AddJunction_InvalidConfig_FailsAtRegistrationWithEveryError()
    {
        var ex = Assert.Throws<JunctionConfigurationException>(() => new ServiceCollection().AddJunction(o => o
            .AddModel("bad", m => m.Deployment("openai", d => d.Weight = -1))
            .AddModel("fallsback", m => m.Mock().Routing(r => r.Fallbacks = ["missing"]))));

        Assert.True(ex.Errors.Count >= 2);
        Assert.Contains(ex.Errors, e => e.Path.Contains("weight", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Path.Contains("fallbacks", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadConfig_MissingFile_Throws()
    {
        var ex = Assert.Throws<JunctionConfigurationException>(() => new JunctionBuilder().LoadConfig("/nonexistent/junction.yaml"));
        Assert.Contains("was not found", ex.Message, StringComparison.Ordinal);
    }
}
