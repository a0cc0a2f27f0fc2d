using System.Runtime.InteropServices;
using System.Text.Json.Serialization;

namespace Junction.Protocol.OpenAI;

/// <summary>An embedding vector as floats or as the base64 string OpenAI sends for <c>encoding_format: base64</c>.</summary>
[JsonConverter(typeof(EmbeddingVectorConverter))]
public sealed class EmbeddingVector
{
    private EmbeddingVector(float[]? floats, string? base64)
    {
        Floats = floats;
        Base64 = base64;
    }

    public float[]? Floats { get; }
    public string? Base64 { get; }

    public static EmbeddingVector FromFloats(float[] floats) => new(floats, null);

    public static EmbeddingVector FromBase64(string base64) => new(null, base64);

    /// <summary>The vector as floats, decoding base64 when needed.</summary>
    public float[] ToFloats()
    {
        if (Floats is not null)
        {
            return Floats;
        }

        var bytes = Convert.FromBase64String(Base64!);
        var floats = new float[bytes.Length / sizeof(float)];
        for (var i = 0; i < floats.Length; i++)
        {
            floats[i] = BitConverter.ToSingle(bytes, i * sizeof(float));
        }

        return floats;
    }

    /// <summary>The vector in base64 of little-endian float32, encoding when needed.</summary>
    public string ToBase64()
    {
        if (Base64 is not null)
        {
            return Base64;
        }

        if (BitConverter.IsLittleEndian)
        {
            return Convert.ToBase64String(MemoryMarshal.AsBytes(Floats.AsSpan()));
        }

        var bytes = new byte[Floats!.Length * sizeof(float)];
        for (var i = 0; i < Floats.Length; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), Floats[i]);
        }

        return Convert.ToBase64String(bytes);
    }
}
