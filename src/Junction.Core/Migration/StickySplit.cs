using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace Junction.Migration;

/// <summary>
/// Stable traffic splitting: a caller's sticky value (key id, user, or a metadata field) hashes to a fixed bucket in
/// [0, 100), so the same caller stays on the same side while the percentage holds, and moves only once, when the
/// percentage grows past its bucket. The salt (the model name) keeps different rollouts independent.
/// </summary>
public static class StickySplit
{
    private const int Buckets = 10_000;

    /// <summary>The caller's bucket, in percent, [0, 100).</summary>
    public static double Bucket(string stickyValue, string salt)
    {
        Span<byte> hash = stackalloc byte[8];
        XxHash64.Hash(Encoding.UTF8.GetBytes(salt + "\u0000" + stickyValue), hash);
        return BinaryPrimitives.ReadUInt64LittleEndian(hash) % Buckets / (Buckets / 100.0);
    }

    /// <summary>Whether the caller goes to the new side at <paramref name="percent"/> percent.</summary>
    public static bool ToNewSide(string stickyValue, string salt, double percent) =>
        percent > 0 && (percent >= 100 || Bucket(stickyValue, salt) < percent);
}
