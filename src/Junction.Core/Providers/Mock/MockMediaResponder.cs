using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using Junction.Protocol.OpenAI;
using Junction.Resilience;

namespace Junction.Providers.Mock;

/// <summary>
/// Pure, deterministic images and transcripts for the <c>mock</c> provider: an image is a valid 1×1 PNG whose colour
/// comes from the prompt; a transcript is derived from the file's name and size, in every <c>response_format</c>.
/// </summary>
internal static class MockMediaResponder
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static ImageGenerationResponse GenerateImage(ImageGenerationRequest request, long created)
    {
        var format = request.ResponseFormat ?? "url";
        if (format is not ("url" or "b64_json"))
        {
            throw new JunctionException(JunctionErrors.InvalidRequest(
                "Invalid value for 'response_format': expected 'url' or 'b64_json'.", "response_format", "invalid_value"));
        }

        var prompt = request.Prompt ?? "";
        var response = new ImageGenerationResponse { Created = created };
        for (var i = 0; i < Math.Max(1, request.N ?? 1); i++)
        {
            var base64 = Convert.ToBase64String(Png(prompt + "#" + i));
            response.Data.Add(format == "b64_json" ? new ImageData { B64Json = base64 } : new ImageData { Url = "data:image/png;base64," + base64 });
        }

        return response;
    }

    /// <summary>A 1×1 RGB PNG whose colour is a hash of <paramref name="seed"/>.</summary>
    public static byte[] Png(string seed)
    {
        var hash = XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(seed));
        byte[] scanline = [0, (byte)hash, (byte)(hash >> 8), (byte)(hash >> 16)];

        var png = new MemoryStream();
        png.Write(PngSignature);
        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, 1);
        BinaryPrimitives.WriteUInt32BigEndian(header[4..], 1);
        header[8] = 8;  // bit depth
        header[9] = 2;  // colour type: RGB
        WriteChunk(png, "IHDR"u8, header);
        WriteChunk(png, "IDAT"u8, ZlibStored(scanline));
        WriteChunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    public static TranscriptionResult Transcribe(TranscriptionRequest request, bool translate)
    {
        var text = $"Mock {(translate ? "translation" : "transcription")} of {request.File.FileName} ({request.File.Length} bytes).";
        var duration = Math.Round(Math.Max(1, request.File.Length / 16000.0), 2);
        return request.ResponseFormat switch
        {
            "json" => Json(new Dictionary<string, JsonElement> { ["text"] = Element(text) }),
            "text" => Text("text/plain; charset=utf-8", text + "\n"),
            "srt" => Text("text/plain; charset=utf-8", $"1\n00:00:00,000 --> {Timestamp(duration, ',')}\n{text}\n\n"),
            "vtt" => Text("text/vtt; charset=utf-8", $"WEBVTT\n\n00:00:00.000 --> {Timestamp(duration, '.')}\n{text}\n\n"),
            "verbose_json" => VerboseJson(text, duration, translate ? "translate" : "transcribe", request.Field("language") ?? "english"),
            var other => throw new JunctionException(JunctionErrors.InvalidRequest(
                $"Invalid value for 'response_format': '{other}'. Expected one of json, text, srt, verbose_json, vtt.", "response_format", "invalid_value")),
        };
    }

    private static TranscriptionResult VerboseJson(string text, double duration, string task, string language)
    {
        var json = $$"""{"task":"{{task}}","language":{{Quote(language)}},"duration":{{duration.ToString(System.Globalization.CultureInfo.InvariantCulture)}},"text":{{Quote(text)}},"segments":[{"id":0,"seek":0,"start":0.0,"end":{{duration.ToString(System.Globalization.CultureInfo.InvariantCulture)}},"text":{{Quote(text)}},"tokens":[],"temperature":0.0,"avg_logprob":0.0,"compression_ratio":1.0,"no_speech_prob":0.0}]}""";
        return Text("application/json", json);
    }

    private static TranscriptionResult Json(Dictionary<string, JsonElement> members) =>
        new("application/json", JsonSerializer.SerializeToUtf8Bytes(members, OpenAIJsonContext.Wire.DictionaryStringJsonElement));

    private static TranscriptionResult Text(string contentType, string text) => new(contentType, Encoding.UTF8.GetBytes(text));

    private static JsonElement Element(string text) => JsonSerializer.SerializeToElement(text, OpenAIJsonContext.Wire.String);

    private static string Quote(string text) => JsonSerializer.Serialize(text, OpenAIJsonContext.Wire.String);

    private static string Timestamp(double seconds, char separator)
    {
        var time = TimeSpan.FromSeconds(seconds);
        return $"{(int)time.TotalHours:00}:{time.Minutes:00}:{time.Seconds:00}{separator}{time.Milliseconds:000}";
    }

    private static void WriteChunk(MemoryStream png, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)data.Length);
        png.Write(word);
        var crc = new Crc32();
        crc.Append(type);
        crc.Append(data);
        png.Write(type);
        png.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, crc.GetCurrentHashAsUInt32());
        png.Write(word);
    }

    /// <summary>A zlib stream holding <paramref name="data"/> in one stored (uncompressed) block.</summary>
    private static byte[] ZlibStored(ReadOnlySpan<byte> data)
    {
        var output = new byte[2 + 5 + data.Length + 4];
        output[0] = 0x78;
        output[1] = 0x01;
        output[2] = 0x01; // final block, stored
        BinaryPrimitives.WriteUInt16LittleEndian(output.AsSpan(3), (ushort)data.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(output.AsSpan(5), (ushort)~data.Length);
        data.CopyTo(output.AsSpan(7));
        uint a = 1, b = 0;
        foreach (var value in data)
        {
            a = (a + value) % 65521;
            b = (b + a) % 65521;
        }

        BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(7 + data.Length), (b << 16) | a);
        return output;
    }
}
