using Junction.TestKit.OpenAI;

namespace Junction.Extensions.AI.Tests.TestSupport;

/// <summary>A fake OpenAI upstream (real HTTP on 127.0.0.1) and a runtime built from <see cref="Configs.Yaml"/> for one test.</summary>
public sealed class FakeUpstreamFixture : IAsyncDisposable
{
    private FakeUpstreamFixture(FakeOpenAIUpstream fake, JunctionRuntime runtime, InMemoryRequestObserver observer)
    {
        Fake = fake;
        Runtime = runtime;
        Observer = observer;
    }

    public FakeOpenAIUpstream Fake { get; }

    public JunctionRuntime Runtime { get; }

    public InMemoryRequestObserver Observer { get; }

    public static async Task<FakeUpstreamFixture> StartAsync(Action<JunctionBuilder>? configure = null)
    {
        var fake = await FakeOpenAIUpstream.StartAsync(new FakeOpenAIOptions { ExpectedApiKey = Configs.UpstreamKey });
        var observer = new InMemoryRequestObserver();
        var builder = new JunctionBuilder().LoadConfigText(Configs.Yaml(fake.BaseUrl)).AddObserver(observer);
        configure?.Invoke(builder);
        return new FakeUpstreamFixture(fake, builder.Build(), observer);
    }

    public JunctionChatClient Chat(string model = "smart") => new(Runtime, model);

    public async ValueTask DisposeAsync()
    {
        Runtime.Dispose();
        await Fake.DisposeAsync();
    }
}
