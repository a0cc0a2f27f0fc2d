using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;

namespace Junction.TestKit.OpenAI;

/// <summary>
/// Deterministic unit-length vectors: FNV-1a 64 of the input (UTF-8 bytes of a string, little-endian int32s of a
/// token array) seeds a SplitMix64 sequence; each component is a value in [-1, 1), then the vector is L2-normalised.
/// </summary>
internal static class FakeEmbeddingVector
{
    private const ulong FnvOffset = 14695981039346656037;
    private const ulong FnvPrime = 1099511628211;

    public static void ForText(ReadOnlySpan<char> text, Span<float> vector)
    {
        int max = Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = max > 512 ? ArrayPool<byte>.Shared.Rent(max) : null;
        Span<byte> utf8 = rented ?? stackalloc byte[512];
        int count = Encoding.UTF8.GetBytes(text, utf8);
        Fill(Hash(utf8[..count]), vector);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public static void ForTokens(ReadOnlySpan<int> tokens, Span<float> vector)
    {
        Span<byte> bytes = stackalloc byte[4];
        ulong hash = FnvOffset;
        foreach (int token in tokens)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bytes, token);
            hash = Hash(bytes, hash);
        }

        Fill(hash, vector);
    }

    private static ulong Hash(ReadOnlySpan<byte> bytes, ulong hash = FnvOffset)
    {
        foreach (byte b in bytes)
        {
            hash = (hash ^ b) * FnvPrime;
        }

        return hash;
    }

    private static void Fill(ulong seed, Span<float> vector)
    {
        double sumOfSquares = 0;
        ulong state = seed;
        for (int i = 0; i < vector.Length; i++)
        {
            state += 0x9E3779B97F4A7C15;
            ulong z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
            z ^= z >> 31;
            float value = (float)((z >> 11) * (1.0 / (1UL << 53)) * 2.0 - 1.0);
            vector[i] = value;
            sumOfSquares += value * (double)value;
        }

        float norm = sumOfSquares > 0 ? (float)Math.Sqrt(sumOfSquares) : 1f;
        for (int i = 0; i < vector.Length; i++)
        {
            vector[i] /= norm;
        }
    }

    /// <summary>The vector's raw little-endian float32 bytes, base64-encoded (OpenAI's <c>encoding_format: "base64"</c>).</summary>
    public static string ToBase64(ReadOnlySpan<float> vector)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The fake writes base64 embeddings on little-endian machines only.");
        }

        return Convert.ToBase64String(MemoryMarshal.AsBytes(vector));
    }
}
