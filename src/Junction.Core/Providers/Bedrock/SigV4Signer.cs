using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Junction.Providers.Bedrock;

/// <summary>
/// AWS Signature Version 4, header variant (PROTOCOLS.md 3.4). Pure: time, credentials and the body hash are inputs.
/// Canonicalisation follows the aws-c-auth test suite: the path as sent is normalised (unless S3-style
/// <c>normalizePath: false</c>) and URI-encoded again, so <c>%3A</c> is signed as <c>%253A</c>.
/// </summary>
internal static class SigV4Signer
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public const string AmzDateHeader = "X-Amz-Date";
    public const string SecurityTokenHeader = "X-Amz-Security-Token";
    public const string AuthorizationHeader = "Authorization";

    // Headers the signer owns or that proxies and HttpClient may rewrite; signing them would break the signature.
    private static readonly HashSet<string> UnsignedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "authorization", "x-amz-date", "x-amz-security-token", "user-agent", "expect", "x-amzn-trace-id",
        "connection", "transfer-encoding", "upgrade",
    };

    public static string HashPayload(ReadOnlySpan<byte> body) => Convert.ToHexStringLower(SHA256.HashData(body));

    /// <summary>Signs a request whose body is given as bytes.</summary>
    public static SigV4Result Sign(string method, Uri uri, IReadOnlyList<KeyValuePair<string, string>> headers,
        ReadOnlySpan<byte> body, AwsCredentials credentials, string region, string service, DateTimeOffset now,
        bool normalizePath = true) =>
        Sign(new SigV4Request(method, uri, headers, HashPayload(body)), credentials, region, service, now, normalizePath);

    public static SigV4Result Sign(SigV4Request request, AwsCredentials credentials, string region, string service,
        DateTimeOffset now, bool normalizePath = true)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentException.ThrowIfNullOrEmpty(region);
        ArgumentException.ThrowIfNullOrEmpty(service);
        if (!request.Uri.IsAbsoluteUri)
        {
            throw new ArgumentException("SigV4 needs an absolute request URI.", nameof(request));
        }

        var utc = now.UtcDateTime;
        var amzDate = utc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = amzDate[..8];
        var scope = $"{date}/{region}/{service}/aws4_request";

        var headers = new List<KeyValuePair<string, string>>(request.Headers.Count + 3);
        var hasHost = false;
        foreach (var (name, value) in request.Headers)
        {
            if (!UnsignedHeaders.Contains(name))
            {
                hasHost |= string.Equals(name, "host", StringComparison.OrdinalIgnoreCase);
                headers.Add(new(name.ToLowerInvariant(), TrimAll(value)));
            }
        }

        if (!hasHost)
        {
            headers.Add(new("host", HostHeader(request.Uri)));
        }

        headers.Add(new("x-amz-date", amzDate));
        if (credentials.SessionToken is { } token)
        {
            headers.Add(new("x-amz-security-token", token));
        }

        // Stable sort by name keeps repeated headers in send order before they are joined with ','.
        var sorted = headers.OrderBy(h => h.Key, StringComparer.Ordinal).ToList();
        var canonicalHeaders = new StringBuilder();
        var signedHeaders = new StringBuilder();
        for (var i = 0; i < sorted.Count; i++)
        {
            var name = sorted[i].Key;
            if (i > 0 && sorted[i - 1].Key == name)
            {
                canonicalHeaders.Length--; // drop the '\n' to append ",value" to the previous line
                canonicalHeaders.Append(',').Append(sorted[i].Value).Append('\n');
                continue;
            }

            canonicalHeaders.Append(name).Append(':').Append(sorted[i].Value).Append('\n');
            signedHeaders.Append(signedHeaders.Length == 0 ? "" : ";").Append(name);
        }

        var canonicalRequest = string.Join('\n',
            request.Method.ToUpperInvariant(),
            CanonicalUri(request.Uri.AbsolutePath, normalizePath),
            CanonicalQuery(request.Uri.Query),
            canonicalHeaders.ToString(),
            signedHeaders.ToString(),
            request.PayloadSha256Hex);

        var stringToSign = string.Join('\n', Algorithm, amzDate, scope,
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));

        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + credentials.SecretAccessKey), date);
        key = Hmac(key, region);
        key = Hmac(key, service);
        key = Hmac(key, "aws4_request");
        var signature = Convert.ToHexStringLower(Hmac(key, stringToSign));

        var signed = signedHeaders.ToString();
        var result = new List<KeyValuePair<string, string>>(3) { new(AmzDateHeader, amzDate) };
        if (credentials.SessionToken is { } sessionToken)
        {
            result.Add(new(SecurityTokenHeader, sessionToken));
        }

        result.Add(new(AuthorizationHeader,
            $"{Algorithm} Credential={credentials.AccessKeyId}/{scope}, SignedHeaders={signed}, Signature={signature}"));
        return new SigV4Result(canonicalRequest, stringToSign, signature, signed, result);
    }

    /// <summary>Normalises (optionally) and URI-encodes the path as sent; every byte but unreserved ones and '/' is escaped.</summary>
    internal static string CanonicalUri(string path, bool normalize)
    {
        if (path.Length == 0)
        {
            return "/";
        }

        if (normalize)
        {
            var segments = new List<string>();
            foreach (var segment in path.Split('/'))
            {
                if (segment is "" or ".")
                {
                    continue;
                }

                if (segment == "..")
                {
                    if (segments.Count > 0)
                    {
                        segments.RemoveAt(segments.Count - 1);
                    }

                    continue;
                }

                segments.Add(segment);
            }

            var trailingSlash = segments.Count > 0 && path.EndsWith('/');
            path = "/" + string.Join('/', segments) + (trailingSlash ? "/" : "");
        }

        return UriEncode(path, keepSlash: true);
    }

    /// <summary>Decodes each <c>name=value</c> pair and re-encodes it, then sorts by name and value (ordinal).</summary>
    internal static string CanonicalQuery(string query)
    {
        var text = query.StartsWith('?') ? query[1..] : query;
        if (text.Length == 0)
        {
            return "";
        }

        var pairs = new List<(string Name, string Value)>();
        foreach (var part in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? "" : part[(equals + 1)..];
            pairs.Add((UriEncode(Uri.UnescapeDataString(name), keepSlash: false),
                UriEncode(Uri.UnescapeDataString(value), keepSlash: false)));
        }

        pairs.Sort(static (a, b) =>
        {
            var byName = string.CompareOrdinal(a.Name, b.Name);
            return byName != 0 ? byName : string.CompareOrdinal(a.Value, b.Value);
        });
        return string.Join('&', pairs.Select(static p => p.Name + "=" + p.Value));
    }

    private static string UriEncode(string value, bool keepSlash)
    {
        var builder = new StringBuilder(value.Length + 16);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~'
                || (keepSlash && b == (byte)'/'))
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    /// <summary>Trims the value and collapses inner whitespace runs (spaces, tabs, folded line breaks) to one space.</summary>
    private static string TrimAll(string value)
    {
        var trimmed = value.AsSpan().Trim();
        var builder = new StringBuilder(trimmed.Length);
        var inWhitespace = false;
        foreach (var c in trimmed)
        {
            var isWhitespace = c is ' ' or '\t' or '\r' or '\n';
            if (!isWhitespace || !inWhitespace)
            {
                builder.Append(isWhitespace ? ' ' : c);
            }

            inWhitespace = isWhitespace;
        }

        return builder.ToString();
    }

    /// <summary>The Host header HttpClient sends: IDN host, brackets for IPv6, port only when not the scheme default.</summary>
    private static string HostHeader(Uri uri)
    {
        var host = uri.HostNameType == UriHostNameType.IPv6 ? $"[{uri.IdnHost}]" : uri.IdnHost;
        return uri.IsDefaultPort ? host : $"{host}:{uri.Port.ToString(CultureInfo.InvariantCulture)}";
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));
}
