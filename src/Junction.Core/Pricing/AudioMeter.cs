using System.Buffers.Binary;
using System.Text.Json;
using Junction.Protocol.OpenAI;
using Junction.Spend;

namespace Junction.Pricing;

/// <summary>
/// How much audio a transcription or translation used, for pricing: the answer's own account when it gives one
/// (<c>usage</c> of type <c>tokens</c> or <c>duration</c>, or <c>duration</c> in <c>verbose_json</c>), else the length of
/// a WAV upload from its header. Other formats without such an answer stay unknown (the request is then not priced).
/// </summary>
internal static class AudioMeter
{
    public static (Usage? Usage, MediaUsage Media) Measure(TranscriptionRequest request, TranscriptionResult result)
    {
        Usage? usage = null;
        double? seconds = null;
        if (result.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                using var document = JsonDocument.Parse(result.Body);
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    if (root.TryGetProperty("duration", out var duration) && duration.TryGetDouble(out var d))
                    {
                        seconds = d;
                    }

                    if (root.TryGetProperty("usage", out var u) && u.ValueKind == JsonValueKind.Object)
                    {
                        if (u.TryGetProperty("seconds", out var s) && s.TryGetDouble(out var sec))
                        {
                            seconds = sec;
                        }

                        if (u.TryGetProperty("input_tokens", out var input) && input.TryGetInt32(out var inTokens))
                        {
                            var outTokens = u.TryGetProperty("output_tokens", out var output) && output.TryGetInt32(out var o) ? o : 0;
                            usage = new Usage { PromptTokens = inTokens, CompletionTokens = outTokens, TotalTokens = inTokens + outTokens };
                        }
                    }
                }
            }
            catch (JsonException)
            {
                // Not JSON after all: measure the upload instead.
            }
        }

        seconds ??= WavSeconds(request.File);
        return (usage, new MediaUsage { AudioSeconds = seconds });
    }

    /// <summary>The length of a RIFF/WAVE upload from its <c>fmt </c> byte rate and <c>data</c> size; null for anything else.</summary>
    public static double? WavSeconds(TranscriptionFile file)
    {
        using var stream = file.OpenRead();
        Span<byte> header = stackalloc byte[12];
        if (stream.ReadAtLeast(header, 12, throwOnEndOfStream: false) < 12 || !header[..4].SequenceEqual("RIFF"u8) || !header[8..12].SequenceEqual("WAVE"u8))
        {
            return null;
        }

        uint byteRate = 0;
        Span<byte> chunk = stackalloc byte[8];
        Span<byte> fmt = stackalloc byte[16];
        while (stream.ReadAtLeast(chunk, 8, throwOnEndOfStream: false) == 8)
        {
            var size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
            if (chunk[..4].SequenceEqual("fmt "u8) && size >= 16)
            {
                if (stream.ReadAtLeast(fmt, 16, throwOnEndOfStream: false) < 16)
                {
                    return null;
                }

                byteRate = BinaryPrimitives.ReadUInt32LittleEndian(fmt[8..]);
                Skip(stream, size - 16 + (size & 1));
            }
            else if (chunk[..4].SequenceEqual("data"u8))
            {
                return byteRate == 0 ? null : (double)size / byteRate;
            }
            else
            {
                Skip(stream, size + (size & 1));
            }
        }

        return null;
    }

    private static void Skip(Stream stream, long count)
    {
        if (stream.CanSeek)
        {
            stream.Seek(count, SeekOrigin.Current);
            return;
        }

        var buffer = new byte[Math.Min(count, 8192)];
        while (count > 0 && stream.Read(buffer, 0, (int)Math.Min(count, buffer.Length)) is > 0 and var read)
        {
            count -= read;
        }
    }
}
