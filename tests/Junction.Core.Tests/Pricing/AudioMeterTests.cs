using System.Text;
using Junction.Pricing;
using Junction.Protocol.OpenAI;

namespace Junction.Tests.Pricing;

public sealed class AudioMeterTests
{
    private static byte[] Wav(int seconds, int sampleRate = 16000)
    {
        var data = seconds * sampleRate * 2;
        using var stream = new MemoryStream();
        using var w = new BinaryWriter(stream);
        w.Write("RIFF"u8); w.Write(36 + data); w.Write("WAVE"u8);
        w.Write("fmt "u8); w.Write(16); w.Write((short)1); w.Write((short)1); w.Write(sampleRate); w.Write(sampleRate * 2); w.Write((short)2); w.Write((short)16);
        w.Write("data"u8); w.Write(data); w.Write(new byte[data]);
        return stream.ToArray();
    }

    [Fact]
    public void Measure_WavUpload_TextAnswer_UsesTheWavLength()
    {
        var request = new TranscriptionRequest(TranscriptionFile.FromBytes("a.wav", "audio/wav", Wav(3)));
        var (usage, media) = AudioMeter.Measure(request, new TranscriptionResult("text/plain", Encoding.UTF8.GetBytes("hello")));
        Assert.Null(usage);
        Assert.Equal(3.0, media.AudioSeconds);
    }

    [Fact]
    public void Measure_JsonWithTokenUsage_ReadsTokensAndDuration()
    {
        var request = new TranscriptionRequest(TranscriptionFile.FromBytes("a.mp3", "audio/mpeg", [1, 2, 3]));
        var body = """{"text":"hi","duration":12.5,"usage":{"type":"tokens","input_tokens":50,"output_tokens":7}}""";
        var (usage, media) = AudioMeter.Measure(request, new TranscriptionResult("application/json", Encoding.UTF8.GetBytes(body)));
        Assert.Equal(50, usage!.PromptTokens);
        Assert.Equal(7, usage.CompletionTokens);
        Assert.Equal(12.5, media.AudioSeconds);
    }

    [Fact]
    public void Measure_UnknownFormat_NoDuration_IsUnknown()
    {
        var request = new TranscriptionRequest(TranscriptionFile.FromBytes("a.mp3", "audio/mpeg", [1, 2, 3]));
        Assert.Null(AudioMeter.Measure(request, new TranscriptionResult("application/json", """{"text":"hi"}"""u8.ToArray())).Media.AudioSeconds);
    }
}
