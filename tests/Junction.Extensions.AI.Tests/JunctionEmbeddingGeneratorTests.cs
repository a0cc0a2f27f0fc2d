using Junction.Extensions.AI.Tests.TestSupport;
using Junction.TestKit.OpenAI;
using Microsoft.Extensions.AI;

namespace Junction.Extensions.AI.Tests;

public sealed class JunctionEmbeddingGeneratorTests : IAsyncLifetime
{
    private FakeUpstreamFixture _fixture = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _fixture = await FakeUpstreamFixture.StartAsync();

    public ValueTask DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task GenerateAsync_GoesThroughTheRouter_ReturnsTheUpstreamVectorsInOrderWithUsage()
    {
        using var generator = new JunctionEmbeddingGenerator(_fixture.Runtime, "embed");

        var embeddings = await generator.GenerateAsync(["first text", "second"], cancellationToken: Ct);

        Assert.Equal(2, embeddings.Count);
        Assert.Equal(FakeOpenAIUpstream.ExpectedEmbedding("first text"), embeddings[0].Vector.ToArray());
        Assert.Equal(FakeOpenAIUpstream.ExpectedEmbedding("second"), embeddings[1].Vector.ToArray());
        Assert.True(embeddings.Usage!.InputTokenCount > 0);
        Assert.Equal("embed/0", embeddings.AdditionalProperties![JunctionPropertyNames.Deployment]);
        var body = _fixture.Fake.Requests.Single().BodyJson;
        Assert.Equal("text-embedding-3-small", body.GetProperty("model").GetString());
        Assert.Equal("""["first text","second"]""", body.GetProperty("input").GetRawText());
        var record = Assert.Single(_fixture.Observer.Records);
        Assert.Equal(("embeddings", "embed", 200), (record.Operation, record.Model, record.Status));
    }

    [Fact]
    public async Task GenerateAsync_MockProvider_WithDimensions()
    {
        var embedding = await _fixture.Runtime.AsEmbeddingGenerator("demo").GenerateAsync("hello", new EmbeddingGenerationOptions { Dimensions = 8 }, Ct);
        Assert.Equal(8, embedding.Vector.Length);
    }

    [Fact]
    public async Task GenerateAsync_UnknownModel_ThrowsTyped404()
    {
        var ex = await Assert.ThrowsAsync<JunctionRequestException>(() => _fixture.Runtime.AsEmbeddingGenerator("nope").GenerateAsync(["x"], cancellationToken: Ct));
        Assert.Equal(404, ex.Status);
    }
}
