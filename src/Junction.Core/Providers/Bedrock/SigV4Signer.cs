using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Junction.Providers.Bedrock;

/// <summary>
/// AWS Signature Version 4 (PROTOCOLS.md 3.4): header variant, plus the presigned-query variant. Pure: time,
/// credentials and the body hash are inputs.
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
        var scope = Scope.Create(request, credentials, region, service, now);
        var headers = CollectHeaders(request);
        headers.Add(new("x-amz-date", scope.AmzDate));
        if (credentials.SessionToken is { } token)
        {
            headers.Add(new("x-amz-security-token", token));
        }

        var (canonicalHeaders, signedHeaders) = CanonicalHeaders(headers);
        var canonicalRequest = CanonicalRequest(request, CanonicalQuery(request.Uri.Query), canonicalHeaders, signedHeaders, normalizePath);
        var (stringToSign, signature) = Compute(canonicalRequest, credentials, scope);

        var result = new List<KeyValuePair<string, string>>(3) { new(AmzDateHeader, scope.AmzDate) };
        if (credentials.SessionToken is { } sessionToken)
        {
            result.Add(new(SecurityTokenHeader, sessionToken));
        }

        result.Add(new(AuthorizationHeader,
            $"{Algorithm} Credential={credentials.AccessKeyId}/{scope.CredentialScope}, SignedHeaders={signedHeaders}, Signature={signature}"));
        return new SigV4Result(canonicalRequest, stringToSign, signature, signedHeaders, result);
    }

    /// <summary>
    /// Query-string (presigned URL) variant: the auth parameters go into the query and only the request's own
    /// headers (at least <c>host</c>) are signed. <see cref="SigV4PresignResult.Query"/> is the full query to send.
    /// </summary>
    public static SigV4PresignResult Presign(SigV4Request request, AwsCredentials credentials, string region, string service,
        DateTimeOffset now, TimeSpan expiresIn, bool normalizePath = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(expiresIn, TimeSpan.FromSeconds(1));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(expiresIn, TimeSpan.FromDays(7));
        var scope = Scope.Create(request, credentials, region, service, now);
        var (canonicalHeaders, signedHeaders) = CanonicalHeaders(CollectHeaders(request));

        // aws-c-auth appends the parameters in this order; the canonical query sorts them anyway.
        var parameters = new List<(string Name, string Value)>
        {
            ("X-Amz-Algorithm", Algorithm),
            ("X-Amz-Credential", $"{credentials.AccessKeyId}/{scope.CredentialScope}"),
            ("X-Amz-Date", scope.AmzDate),
            ("X-Amz-SignedHeaders", signedHeaders),
            ("X-Amz-Expires", ((long)expiresIn.TotalSeconds).ToString(CultureInfo.InvariantCulture)),
        };
        if (credentials.SessionToken is { } token)
        {
            parameters.Add(("X-Amz-Security-Token", token));
        }

        var original = request.Uri.Query.TrimStart('?');
        var query = new StringBuilder(original);
        foreach (var (name, value) in parameters)
        {
            query.Append(query.Length == 0 ? "" : "&").Append(name).Append('=').Append(UriEncode(value, keepSlash: false));
        }

        var canonicalRequest = CanonicalRequest(request, CanonicalQuery(query.ToString()), canonicalHeaders, signedHeaders, normalizePath);
        var (stringToSign, signature) = Compute(canonicalRequest, credentials, scope);
        query.Append("&X-Amz-Signature=").Append(signature);
        return new SigV4PresignResult(canonicalRequest, stringToSign, signature, "?" + query);
    }

    private static List<KeyValuePair<string, string>> CollectHeaders(SigV4Request request)
    {
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

        return headers;
    }

    private static (string CanonicalHeaders, string SignedHeaders) CanonicalHeaders(List<KeyValuePair<string, string>> headers)
    {
        // Stable sort by name keeps repeated headers in send order before they are joined with ','.
        var sorted = headers.OrderBy(h => h.Key, StringComparer.Ordinal).ToList();
        var canonical = new StringBuilder();
        var signed = new StringBuilder();
        for (var i = 0; i < sorted.Count; i++)
        {
            var name = sorted[i].Key;
            if (i > 0 && sorted[i - 1].Key == name)
            {
                canonical.Length--; // drop the '\n' to append ",value" to the previous line
                canonical.Append(',').Append(sorted[i].Value).Append('\n');
                continue;
            }

            canonical.Append(name).Append(':').Append(sorted[i].Value).Append('\n');
            signed.Append(signed.Length == 0 ? "" : ";").Append(name);
        }

        return (canonical.ToString(), signed.ToString());
    }

    private static string CanonicalRequest(SigV4Request request, string canonicalQuery, string canonicalHeaders,
        string signedHeaders, bool normalizePath) =>
        string.Join('\n',
            request.Method.ToUpperInvariant(),
            CanonicalUri(request.Uri.AbsolutePath, normalizePath),
            canonicalQuery,
            canonicalHeaders,
            signedHeaders,
            request.PayloadSha256Hex);

    private static (string StringToSign, string Signature) Compute(string canonicalRequest, AwsCredentials credentials, Scope scope)
    {
        var stringToSign = string.Join('\n', Algorithm, scope.AmzDate, scope.CredentialScope,
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));

        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + credentials.SecretAccessKey), scope.Date);
        key = Hmac(key, scope.Region);
        key = Hmac(key, scope.Service);
        key = Hmac(key, "aws4_request");
        return (stringToSign, Convert.ToHexStringLower(Hmac(key, stringToSign)));
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

    private readonly record struct Scope(string AmzDate, string Region, string Service)
    {
        public string Date => AmzDate[..8];

        public string CredentialScope => $"{Date}/{Region}/{Service}/aws4_request";

        public static Scope Create(SigV4Request request, AwsCredentials credentials, string region, string service, DateTimeOffset now)
        {
            ArgumentNullException.ThrowIfNull(request);
            ArgumentNullException.ThrowIfNull(credentials);
            ArgumentException.ThrowIfNullOrEmpty(region);
            ArgumentException.ThrowIfNullOrEmpty(service);
            return request.Uri.IsAbsoluteUri
                ? new(now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture), region, service)
                : throw new ArgumentException("SigV4 needs an absolute request URI.", nameof(request));
        }
    }
}
