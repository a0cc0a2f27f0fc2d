using System.Text.Json;
using Junction.Protocol.OpenAI;
using Junction.Providers.Bedrock;
using Junction.Resilience;
using static Junction.Tests.Providers.Bedrock.BedrockJson;

namespace Junction.Tests.Providers.Bedrock;

public class BedrockEmbeddingMapperTests
{
    private static EmbeddingRequest Request(string json) => JsonSerializer.Deserialize(json, OpenAIJsonContext.Wire.EmbeddingRequest)!;

    [Theory]
    [InlineData("amazon.titan-embed-text-v1", nameof(BedrockModelFamily.TitanEmbedV1))]
    [InlineData("amazon.titan-embed-g1-text-02", nameof(BedrockModelFamily.TitanEmbedV1))]
    [InlineData("amazon.titan-embed-text-v2:0", nameof(BedrockModelFamily.TitanEmbedV2))]
    [InlineData("us.amazon.titan-embed-text-v2:0", nameof(BedrockModelFamily.TitanEmbedV2))]
    [InlineData("cohere.embed-english-v3", nameof(BedrockModelFamily.CohereEmbed))]
    [InlineData("eu.cohere.embed-multilingual-v3", nameof(BedrockModelFamily.CohereEmbed))]
    [InlineData("apac.cohere.embed-english-v3", nameof(BedrockModelFamily.CohereEmbed))]
    [InlineData("arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0", nameof(BedrockModelFamily.TitanEmbedV2))]
    [InlineData("arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.cohere.embed-english-v3", nameof(BedrockModelFamily.CohereEmbed))]
    [InlineData("arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3", nameof(BedrockModelFamily.Unknown))]
    [InlineData("arn:aws:bedrock:us-east-1:123456789012:provisioned-model/xyz", nameof(BedrockModelFamily.Unknown))]
    [InlineData("amazon.titan-image-generator-v2:0", nameof(BedrockModelFamily.TitanImage))]
    [InlineData("us.amazon.nova-canvas-v1:0", nameof(BedrockModelFamily.TitanImage))]
    [InlineData("stability.stable-diffusion-xl-v1", nameof(BedrockModelFamily.StabilitySdxl))]
    [InlineData("stability.sd3-5-large-v1:0", nameof(BedrockModelFamily.StabilityStableImage))]
    [InlineData("us.stability.stable-image-ultra-v1:1", nameof(BedrockModelFamily.StabilityStableImage))]
    [InlineData("global.anthropic.claude-sonnet-4-5-20250929-v1:0", nameof(BedrockModelFamily.Unknown))]
    [InlineData("us-gov.amazon.titan-embed-text-v1", nameof(BedrockModelFamily.TitanEmbedV1))]
    [InlineData("jp.cohere.embed-english-v3", nameof(BedrockModelFamily.CohereEmbed))]
    [InlineData("au.amazon.titan-embed-text-v2:0", nameof(BedrockModelFamily.TitanEmbedV2))]
    public void Family_ModelIdOrArn_DetectsFamily(string modelId, string family)
    {
        Assert.Equal(family, BedrockModelId.Family(modelId).ToString());
    }

    [Fact]
    public void ToTitanRequest_V1_InputTextOnly()
    {
        var request = BedrockEmbeddingMapper.ToTitanRequest("hello", null, true, "amazon.titan-embed-text-v1");

        AssertJsonEqual("""{"inputText":"hello"}""", Node(request, BedrockJsonContext.Default.TitanEmbedRequest));
    }

    [Fact]
    public void ToTitanRequest_V2_DimensionsAndNormalize()
    {
        var request = BedrockEmbeddingMapper.ToTitanRequest("hello", 512, false, "us.amazon.titan-embed-text-v2:0");

        AssertJsonEqual("""{"inputText":"hello","dimensions":512,"normalize":false}""", Node(request, BedrockJsonContext.Default.TitanEmbedRequest));
    }

    [Theory]
    [InlineData("amazon.titan-embed-text-v2:0", 768)]
    [InlineData("amazon.titan-embed-text-v1", 512)]
    public void ToTitanRequest_UnsupportedDimensions_Returns400(string modelId, int dimensions)
    {
        var error = Assert.Throws<JunctionException>(() => BedrockEmbeddingMapper.ToTitanRequest("x", dimensions, null, modelId)).Error;

        Assert.Equal(("dimensions", 400), (error.Param, error.Status));
    }

    [Fact]
    public void ToTitanRequests_InputArray_OneRequestPerItemWithNormalizeExtra()
    {
        var requests = BedrockEmbeddingMapper.ToTitanRequests(
            Request("""{"model":"e","input":["a","b"],"dimensions":256,"normalize":true}"""), "amazon.titan-embed-text-v2:0");

        Assert.Equal(["a", "b"], requests.Select(r => r.InputText));
        Assert.All(requests, r => Assert.Equal((256, true), (r.Dimensions, r.Normalize)));
    }

    [Theory]
    [InlineData("""{"input":[1,2,3]}""", "input")]
    [InlineData("""{"input":[[1,2]]}""", "input")]
    [InlineData("""{"input":[]}""", "input")]
    [InlineData("""{}""", "input")]
    [InlineData("""{"input":["ok","  "]}""", "input[1]")]
    public void GetTexts_UnusableInput_Returns400(string json, string param)
    {
        var error = Assert.Throws<JunctionException>(() => BedrockEmbeddingMapper.GetTexts(Request(json))).Error;

        Assert.Equal(param, error.Param);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("float", false)]
    [InlineData("base64", true)]
    public void WantsBase64_EncodingFormat_Recognised(string? format, bool expected)
    {
        Assert.Equal(expected, BedrockEmbeddingMapper.WantsBase64(new EmbeddingRequest { EncodingFormat = format }));
    }

    [Fact]
    public void WantsBase64_UnknownFormat_Returns400()
    {
        var error = Assert.Throws<JunctionException>(() => BedrockEmbeddingMapper.WantsBase64(new EmbeddingRequest { EncodingFormat = "int8" })).Error;

        Assert.Equal("encoding_format", error.Param);
    }

    [Fact]
    public void FromTitanResponses_TwoAnswers_IndexedAndUsageSummed()
    {
        var responses = new[]
        {
            JsonSerializer.Deserialize("""{"embedding":[0.5,-1],"inputTextTokenCount":3}""", BedrockJsonContext.Default.TitanEmbedResponse)!,
            JsonSerializer.Deserialize("""{"inputTextTokenCount":4,"embeddingsByType":{"float":[0.25,2]}}""", BedrockJsonContext.Default.TitanEmbedResponse)!,
        };

        var mapped = BedrockEmbeddingMapper.FromTitanResponses(responses, base64: false, "emb");

        AssertJsonEqual("""
            {"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.5,-1]},{"object":"embedding","index":1,"embedding":[0.25,2]}],
             "model":"emb","usage":{"prompt_tokens":7,"total_tokens":7}}
            """, Node(mapped, OpenAIJsonContext.Wire.EmbeddingResponse));
    }

    [Fact]
    public void FromTitanResponses_Base64_LittleEndianFloat32()
    {
        var response = new TitanEmbedResponse { Embedding = [1f, -2.5f], InputTextTokenCount = 1 };

        var mapped = BedrockEmbeddingMapper.FromTitanResponses([response], base64: true, "emb");

        var vector = mapped.Data[0].Embedding;
        Assert.NotNull(vector.Base64);
        Assert.Equal([1f, -2.5f], vector.ToFloats());
        Assert.Equal(Convert.ToBase64String([0, 0, 0x80, 0x3f, 0, 0, 0x20, 0xc0]), vector.Base64);
    }

    [Fact]
    public void ToCohereRequests_DefaultsAndBatchesOf96()
    {
        var texts = string.Join(",", Enumerable.Range(0, 200).Select(i => $"\"t{i}\""));

        var requests = BedrockEmbeddingMapper.ToCohereRequests(Request($$"""{"input":[{{texts}}]}"""));

        Assert.Equal([96, 96, 8], requests.Select(r => r.Texts.Count));
        Assert.Equal("t96", requests[1].Texts[0]);
        AssertJsonEqual("""{"texts":["t192","t193","t194","t195","t196","t197","t198","t199"],"input_type":"search_document"}""",
            Node(requests[2], BedrockJsonContext.Default.CohereEmbedRequest));
    }

    [Fact]
    public void ToCohereRequests_ExtrasOverride_InputTypeTruncateEmbeddingTypes()
    {
        var requests = BedrockEmbeddingMapper.ToCohereRequests(
            Request("""{"input":"q","input_type":"search_query","truncate":"END","embedding_types":["float"]}"""));

        AssertJsonEqual("""{"texts":["q"],"input_type":"search_query","truncate":"END","embedding_types":["float"]}""",
            Node(requests.Single(), BedrockJsonContext.Default.CohereEmbedRequest));
    }

    [Fact]
    public void ToCohereRequests_Dimensions_Returns400()
    {
        var error = Assert.Throws<JunctionException>(() => BedrockEmbeddingMapper.ToCohereRequests(Request("""{"input":"q","dimensions":256}"""))).Error;

        Assert.Equal("dimensions", error.Param);
    }

    [Theory]
    [InlineData("""[[0.5,1],[2,3]]""", "embeddings_floats")]
    [InlineData("""{"float":[[0.5,1],[2,3]],"int8":[[1,2],[3,4]]}""", "embeddings_by_type")]
    [InlineData("""{"int8":[[0.5,1],[2,3]]}""", "embeddings_by_type")]
    public void FromCohereResponses_EitherShape_VectorsInOrder(string embeddings, string responseType)
    {
        var response = JsonSerializer.Deserialize($$"""{"id":"x","texts":["a","b"],"embeddings":{{embeddings}},"response_type":"{{responseType}}"}""",
            BedrockJsonContext.Default.CohereEmbedResponse)!;
        var second = JsonSerializer.Deserialize("""{"embeddings":[[9]]}""", BedrockJsonContext.Default.CohereEmbedResponse)!;

        var mapped = BedrockEmbeddingMapper.FromCohereResponses([response, second], base64: false, "c", inputTokens: 11);

        Assert.Equal([0, 1, 2], mapped.Data.Select(d => d.Index));
        Assert.Equal([[0.5f, 1f], [2f, 3f], [9f]], mapped.Data.Select(d => d.Embedding.Floats!));
        Assert.Equal((11, 11), (mapped.Usage!.PromptTokens, mapped.Usage.TotalTokens));
    }

    [Fact]
    public void FromCohereResponses_Base64_Encoded()
    {
        var response = JsonSerializer.Deserialize("""{"embeddings":[[1.0]]}""", BedrockJsonContext.Default.CohereEmbedResponse)!;

        var mapped = BedrockEmbeddingMapper.FromCohereResponses([response], base64: true, "c", 1);

        Assert.Equal("AACAPw==", mapped.Data[0].Embedding.Base64);
    }

    [Fact]
    public void FromCohereResponses_NoEmbeddings_InvalidResponse()
    {
        var response = JsonSerializer.Deserialize("""{"id":"x"}""", BedrockJsonContext.Default.CohereEmbedResponse)!;

        var error = Assert.Throws<JunctionException>(() => BedrockEmbeddingMapper.FromCohereResponses([response], false, "c", 0)).Error;

        Assert.Equal(JunctionErrorKind.InvalidResponse, error.Kind);
    }
}
