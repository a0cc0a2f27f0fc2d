using System.Text.Json;
using Junction.Protocol.OpenAI;
using Junction.Providers.Bedrock;
using Junction.Resilience;
using static Junction.Tests.Providers.Bedrock.BedrockJson;

namespace Junction.Tests.Providers.Bedrock;

public class BedrockImageMapperTests
{
    private static ImageGenerationRequest Request(string json) =>
        JsonSerializer.Deserialize(json, OpenAIJsonContext.Wire.ImageGenerationRequest)!;

    [Fact]
    public void ImageGenerationRequest_SnakeCaseJson_RoundTrips()
    {
        const string json = """
            {"model":"m","prompt":"p","n":2,"size":"512x512","quality":"hd","style":"vivid","response_format":"b64_json",
             "user":"u","background":"transparent","output_format":"png","negative_prompt":"blurry"}
            """;

        var request = Request(json);

        Assert.Equal(("b64_json", "png", "blurry"), (request.ResponseFormat, request.OutputFormat, request.Extra!["negative_prompt"].GetString()));
        AssertJsonEqual(json, Node(request, OpenAIJsonContext.Wire.ImageGenerationRequest));
    }

    [Fact]
    public void ToTitanImageRequest_AllFields_MapsToTextImage()
    {
        var request = BedrockImageMapper.ToTitanImageRequest(
            Request("""{"prompt":"a cat","n":2,"size":"1280x768","quality":"hd","style":"vivid","negative_prompt":"dogs","seed":7}"""));

        AssertJsonEqual("""
            {"taskType":"TEXT_IMAGE","textToImageParams":{"text":"a cat","negativeText":"dogs"},
             "imageGenerationConfig":{"numberOfImages":2,"height":768,"width":1280,"seed":7,"quality":"premium"}}
            """, Node(request, BedrockJsonContext.Default.TitanImageRequest));
    }

    [Fact]
    public void ToTitanImageRequest_PromptOnly_NoConfig()
    {
        var request = BedrockImageMapper.ToTitanImageRequest(Request("""{"prompt":"a cat","size":"auto","response_format":"b64_json"}"""));

        AssertJsonEqual("""{"taskType":"TEXT_IMAGE","textToImageParams":{"text":"a cat"}}""", Node(request, BedrockJsonContext.Default.TitanImageRequest));
    }

    [Theory]
    [InlineData("standard", "standard")]
    [InlineData("medium", "standard")]
    [InlineData("low", "standard")]
    [InlineData("high", "premium")]
    [InlineData("hd", "premium")]
    public void ToTitanImageRequest_Quality_Mapped(string quality, string expected)
    {
        Assert.Equal(expected, BedrockImageMapper.ToTitanImageRequest(Request($$"""{"prompt":"p","quality":"{{quality}}"}""")).ImageGenerationConfig!.Quality);
    }

    [Theory]
    [InlineData("""{"prompt":"p","response_format":"url"}""", "response_format")]
    [InlineData("""{"prompt":" "}""", "prompt")]
    [InlineData("""{"prompt":"p","size":"big"}""", "size")]
    [InlineData("""{"prompt":"p","size":"0x10"}""", "size")]
    [InlineData("""{"prompt":"p","n":0}""", "n")]
    [InlineData("""{"prompt":"p","quality":"ultra"}""", "quality")]
    public void ToTitanImageRequest_InvalidRequest_Returns400(string json, string param)
    {
        var error = Assert.Throws<JunctionException>(() => BedrockImageMapper.ToTitanImageRequest(Request(json))).Error;

        Assert.Equal((400, param), (error.Status, error.Param));
    }

    [Fact]
    public void ToSdxlRequest_PromptNegativeSizeSeedPreset_Mapped()
    {
        var request = BedrockImageMapper.ToSdxlRequest(
            Request("""{"prompt":"castle","size":"1024x1024","negative_prompt":"fog","seed":3,"style_preset":"photographic","n":3}"""));

        AssertJsonEqual("""
            {"text_prompts":[{"text":"castle","weight":1},{"text":"fog","weight":-1}],"seed":3,"width":1024,"height":1024,"style_preset":"photographic"}
            """, Node(request, BedrockJsonContext.Default.SdxlImageRequest));
        Assert.Equal(3, BedrockImageMapper.CallsFor(Request("""{"prompt":"castle","n":3}""")));
        Assert.Equal(1, BedrockImageMapper.CallsFor(Request("""{"prompt":"castle"}""")));
    }

    [Fact]
    public void ToStableImageRequest_Fields_Mapped()
    {
        var request = BedrockImageMapper.ToStableImageRequest(
            Request("""{"prompt":"sea","size":"1792x1024","output_format":"jpeg","negative_prompt":"boats","seed":1}"""));

        AssertJsonEqual("""
            {"prompt":"sea","negative_prompt":"boats","mode":"text-to-image","aspect_ratio":"16:9","output_format":"jpeg","seed":1}
            """, Node(request, BedrockJsonContext.Default.StableImageRequest));
    }

    [Fact]
    public void ToStableImageRequest_WebpOutput_Returns400()
    {
        var error = Assert.Throws<JunctionException>(() => BedrockImageMapper.ToStableImageRequest(Request("""{"prompt":"p","output_format":"webp"}"""))).Error;

        Assert.Equal("output_format", error.Param);
    }

    [Theory]
    [InlineData(1024, 1024, "1:1")]
    [InlineData(1792, 1024, "16:9")]
    [InlineData(1024, 1792, "9:16")]
    [InlineData(1536, 1024, "3:2")]
    [InlineData(1024, 1536, "2:3")]
    [InlineData(2520, 1080, "21:9")]
    [InlineData(1000, 800, "5:4")]
    [InlineData(800, 1000, "4:5")]
    [InlineData(1080, 2520, "9:21")]
    [InlineData(4000, 1000, "21:9")]
    public void NearestAspectRatio_Size_SupportedRatio(int width, int height, string ratio)
    {
        Assert.Equal(ratio, BedrockImageMapper.NearestAspectRatio(width, height));
    }

    [Fact]
    public void FromTitanImageResponse_Images_B64Json()
    {
        var response = JsonSerializer.Deserialize("""{"images":["AAA","BBB"],"error":null}""", BedrockJsonContext.Default.TitanImageResponse)!;

        var mapped = BedrockImageMapper.FromTitanImageResponse(response, 1700000000);

        AssertJsonEqual("""{"created":1700000000,"data":[{"b64_json":"AAA"},{"b64_json":"BBB"}]}""",
            Node(mapped, OpenAIJsonContext.Wire.ImageGenerationResponse));
    }

    [Fact]
    public void FromTitanImageResponse_ErrorWithoutImages_InvalidResponse()
    {
        var response = JsonSerializer.Deserialize("""{"images":[],"error":"nope"}""", BedrockJsonContext.Default.TitanImageResponse)!;

        var error = Assert.Throws<JunctionException>(() => BedrockImageMapper.FromTitanImageResponse(response, 1)).Error;

        Assert.Equal((502, JunctionErrorKind.InvalidResponse), (error.Status, error.Kind));
        Assert.Contains("nope", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromSdxlResponses_FilteredArtifactsLeftOut()
    {
        var responses = new[]
        {
            JsonSerializer.Deserialize("""{"result":"success","artifacts":[{"seed":1,"base64":"AAA","finishReason":"SUCCESS"}]}""", BedrockJsonContext.Default.SdxlImageResponse)!,
            JsonSerializer.Deserialize("""{"result":"success","artifacts":[{"seed":2,"base64":"BBB","finishReason":"CONTENT_FILTERED"}]}""", BedrockJsonContext.Default.SdxlImageResponse)!,
        };

        var mapped = BedrockImageMapper.FromSdxlResponses(responses, 5);

        Assert.Equal(["AAA"], mapped.Data.Select(d => d.B64Json));
    }

    [Fact]
    public void FromSdxlResponses_AllFiltered_ContentFilter400()
    {
        var response = JsonSerializer.Deserialize("""{"artifacts":[{"base64":"x","finishReason":"CONTENT_FILTERED"}]}""", BedrockJsonContext.Default.SdxlImageResponse)!;

        var error = Assert.Throws<JunctionException>(() => BedrockImageMapper.FromSdxlResponses([response], 5)).Error;

        Assert.Equal((400, JunctionErrorKind.ContentFiltered, "content_filter"), (error.Status, error.Kind, error.Code));
    }

    [Fact]
    public void FromStableImageResponses_NullFinishReasonKept()
    {
        var responses = new[]
        {
            JsonSerializer.Deserialize("""{"seeds":[1],"finish_reasons":[null],"images":["AAA"]}""", BedrockJsonContext.Default.StableImageResponse)!,
            JsonSerializer.Deserialize("""{"seeds":[2],"finish_reasons":["Filter reason: output image"],"images":["BBB"]}""", BedrockJsonContext.Default.StableImageResponse)!,
        };

        var mapped = BedrockImageMapper.FromStableImageResponses(responses, 9);

        Assert.Equal(["AAA"], mapped.Data.Select(d => d.B64Json));
        Assert.Equal(9, mapped.Created);
    }

    [Theory]
    [InlineData("Filter reason: prompt", JunctionErrorKind.ContentFiltered)]
    [InlineData("Inference error", JunctionErrorKind.InvalidResponse)]
    public void FromStableImageResponses_NoImageLeft_ErrorByReason(string reason, JunctionErrorKind kind)
    {
        var response = JsonSerializer.Deserialize($$"""{"seeds":[1],"finish_reasons":["{{reason}}"],"images":["AAA"]}""", BedrockJsonContext.Default.StableImageResponse)!;

        var error = Assert.Throws<JunctionException>(() => BedrockImageMapper.FromStableImageResponses([response], 9)).Error;

        Assert.Equal(kind, error.Kind);
    }
}
