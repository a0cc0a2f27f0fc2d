using System.Text.Json;
using Junction.Protocol.OpenAI;
using Junction.Routing;
using Microsoft.Extensions.AI;

namespace Junction.Extensions.AI.Tests;

public sealed class EmbeddingMapperTests
{
    [Fact]
    public void ToEmbeddingRequest_ValuesModelDimensionsAndPassthrough()
    {
        var request = EmbeddingMapper.ToEmbeddingRequest(["a", "b"], new EmbeddingGenerationOptions { Dimensions = 8 }, "embed", null, [new("user", "u")]);

        var body = JsonSerializer.SerializeToElement(request, OpenAIJsonContext.Wire.EmbeddingRequest);
        Assert.Equal("""{"model":"embed","input":["a","b"],"dimensions":8,"user":"u"}""", body.GetRawText());
    }

    [Fact]
    public void ToGeneratedEmbeddings_OrdersByIndex_DecodesBase64_MapsUsage()
    {
        var response = JsonSerializer.Deserialize("""
            {"object":"list","model":"text-embedding-3-small","data":[
              {"object":"embedding","index":1,"embedding":[3.0,4.0]},
              {"object":"embedding","index":0,"embedding":"AACAPwAAAEA="}],
             "usage":{"prompt_tokens":4,"total_tokens":4}}
            """, OpenAIJsonContext.Wire.EmbeddingResponse)!;
        var at = DateTimeOffset.FromUnixTimeSeconds(1700000000);

        var embeddings = EmbeddingMapper.ToGeneratedEmbeddings(response, new RequestContext("req_e"), at);

        Assert.Equal([1f, 2f], embeddings[0].Vector.ToArray());
        Assert.Equal([3f, 4f], embeddings[1].Vector.ToArray());
        Assert.All(embeddings, e => Assert.Equal(("text-embedding-3-small", at), (e.ModelId, e.CreatedAt)));
        Assert.Equal(4, embeddings.Usage!.InputTokenCount);
        Assert.Equal("req_e", embeddings.AdditionalProperties![JunctionPropertyNames.RequestId]);
    }
}
