using System.Security.Cryptography;
using System.Text;

namespace Junction.Keys;

/// <summary>
/// Virtual key secrets: <c>sk-jn-</c> + 43 characters of base64url (32 random bytes from the OS CSPRNG).
/// Only the SHA-256 of a secret is stored; comparison is on hashes, in constant time.
/// </summary>
public static class KeySecrets
{
    public const string Prefix = "sk-jn-";

    /// <summary>A new secret. Secrets need cryptographic randomness, so this deliberately does not use <c>IRandomSource</c>.</summary>
    public static string Generate()
    {
        Span<byte> bytes = stackalloc byte[32];
        RandomNumberGenerator.Fill(bytes);
        return Prefix + Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Whether <paramref name="presented"/> looks like a virtual key (it may still be unknown).</summary>
    public static bool LooksLikeVirtualKey(string presented) => presented.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The lowercase hex SHA-256 of the UTF-8 secret: what is stored and looked up.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Constant-time comparison of two hex hashes.</summary>
    public static bool HashEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));

    /// <summary><c>sk-jn-…wxyz</c>: enough to recognise a key, useless to an attacker.</summary>
    public static string Hint(string secret) => Prefix + "…" + secret[^4..];

    /// <summary>A new key id (<c>key_</c> + 20 hex digits); ids are not secret.</summary>
    public static string NewId(string prefix)
    {
        Span<byte> bytes = stackalloc byte[10];
        RandomNumberGenerator.Fill(bytes);
        return prefix + Convert.ToHexStringLower(bytes);
    }
}
