using System.Security.Cryptography;
using System.Text;
using Junction.Resilience;
using Microsoft.AspNetCore.Http;

namespace Junction.Server.Auth;

/// <summary>
/// Checks the caller's key against <c>auth.master_key</c>. The key comes as <c>Authorization: Bearer</c> or in the
/// <c>api-key</c> header (Azure style). Both sides are hashed first, then compared in constant time, so neither
/// the content nor the length of the key leaks through timing. Keys are never logged or echoed.
/// </summary>
internal sealed class MasterKeyAuthenticator
{
    private volatile byte[]? _masterKeyHash;

    public MasterKeyAuthenticator(string? masterKey) => Update(masterKey);

    public bool Enabled => _masterKeyHash is not null;

    /// <summary>Replaces the master key (config reload). Turning auth off is refused: that needs a restart (and loopback).</summary>
    public void Update(string? masterKey)
    {
        if (!string.IsNullOrEmpty(masterKey))
        {
            _masterKeyHash = SHA256.HashData(Encoding.UTF8.GetBytes(masterKey));
        }
    }

    /// <summary>Null when the request may proceed; otherwise the 401 to send.</summary>
    public JunctionError? Check(HttpRequest request)
    {
        var expected = _masterKeyHash;
        if (expected is null)
        {
            return null;
        }

        var presented = ReadKey(request);
        if (presented is null)
        {
            return JunctionErrors.Unauthorized(
                "You didn't provide an API key. Send your Junction key as 'Authorization: Bearer <key>' or in the 'api-key' header.");
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var maxBytes = Encoding.UTF8.GetMaxByteCount(presented.Length);
        var buffer = maxBytes <= 512 ? stackalloc byte[maxBytes] : new byte[maxBytes];
        var written = Encoding.UTF8.GetBytes(presented, buffer);
        SHA256.HashData(buffer[..written], hash);
        return CryptographicOperations.FixedTimeEquals(hash, expected)
            ? null
            : JunctionErrors.Unauthorized("Incorrect API key provided. Use a key issued for this Junction gateway.");
    }

    /// <summary>The key from <c>Authorization: Bearer</c>, else from <c>api-key</c>; null when neither is there.</summary>
    public static string? ReadKey(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var key = authorization.AsSpan(7).Trim();
            return key.IsEmpty ? null : key.ToString();
        }

        var apiKey = request.Headers["api-key"].ToString();
        return apiKey.Length > 0 ? apiKey : null;
    }
}
