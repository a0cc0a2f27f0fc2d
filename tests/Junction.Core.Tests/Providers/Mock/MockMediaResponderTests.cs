using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using Junction.Protocol.OpenAI;
using Junction.Providers.Mock;
using Junction.Resilience;

namespace Junction.Tests.Providers.Mock;

public class MockMediaResponderTests
{
    [Fact]
    public void Png_IsWellFormedWithValidChunkCrcs()
    {
        var png = MockMediaResponder.Png("seed");

        Assert.Equal([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        var offset = 8;
        var types = new List<string>();
        while (offset < png.Length)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset));
            var typeAndData = png.AsSpan(offset + 4, 4 + length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset + 8 + length));
            Assert.Equal(Crc32.HashToUInt32(typeAndData), crc);
            types.Add(Encoding.ASCII.GetString(typeAndData[..4]));
            offset += 12 + length;
        }

        Assert.Equal(["IHDR", "IDAT", "IEND"], types);
    }

    [Fact]
    public void Png_SameSeedSameBytes_OtherSeedOtherBytes()
    {
        Assert.Equal(MockMediaResponder.Png("a"), MockMediaResponder.Png("a"));
        Assert.NotEqual(MockMediaResponder.Png("a"), MockMediaResponder.Png("b"));
    }

    [Fact]
    public void GenerateImage_NImagesInRequestedFormat()
    {
        var response = MockMediaResponder.GenerateImage(new ImageGenerationRequest { Prompt = "p", N = 2, ResponseFormat = "b64_json" }, 42);

        Assert.Equal(42, response.Created);
        Assert.Equal(2, response.Data.Count);
        Assert.All(response.Data, d => Assert.Null(d.Url));
        Assert.NotEqual(response.Data[0].B64Json, response.Data[1].B64Json);
    }

    [Fact]
    public void GenerateImage_BadFormat_IsBadRequest()
    {
        var ex = Assert.Throws<JunctionException>(() => MockMediaResponder.GenerateImage(new ImageGenerationRequest { Prompt = "p", ResponseFormat = "png" }, 0));

        Assert.Equal("response_format", ex.Error.Param);
    }

    [Theory]
    [InlineData("json", "{\"text\":\"Mock transcription of a.wav (32000 bytes).\"}")]
    [InlineData("text", "Mock transcription of a.wav (32000 bytes).\n")]
    [InlineData("srt", "1\n00:00:00,000 --> 00:00:02,000\nMock transcription of a.wav (32000 bytes).\n\n")]
    [InlineData("vtt", "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nMock transcription of a.wav (32000 bytes).\n\n")]
    public void Transcribe_EachFormat_IsDeterministic(string format, string expected)
    {
        var request = new TranscriptionRequest(TranscriptionFile.FromBytes("a.wav", "audio/wav", new byte[32000]));
        request.Fields.Add(new("response_format", format));

        var result = MockMediaResponder.Transcribe(request, translate: false);

        Assert.Equal(expected, Encoding.UTF8.GetString(result.Body));
    }

    [Fact]
    public void Transcribe_VerboseJsonTranslation_HasTaskAndSegments()
    {
        var request = new TranscriptionRequest(TranscriptionFile.FromBytes("a.wav", null, new byte[10]));
        request.Fields.Add(new("response_format", "verbose_json"));

        var json = System.Text.Json.JsonDocument.Parse(MockMediaResponder.Transcribe(request, translate: true).Body).RootElement;

        Assert.Equal("translate", json.GetProperty("task").GetString());
        Assert.Equal("Mock translation of a.wav (10 bytes).", json.GetProperty("segments")[0].GetProperty("text").GetString());
    }

    [Fact]
    public void ImageData_B64Json_UsesSnakeCaseName()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(new ImageGenerationResponse { Data = [new ImageData { B64Json = "x" }] }, OpenAIJsonContext.Wire.ImageGenerationResponse);

        Assert.Contains("\"b64_json\":\"x\"", json, StringComparison.Ordinal);
    }
}
