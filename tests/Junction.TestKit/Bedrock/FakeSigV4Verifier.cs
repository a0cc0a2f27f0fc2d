using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Junction.TestKit.Bedrock;

/// <summary>
/// Checks a SigV4 <c>Authorization</c> header the way AWS does, from what actually arrived: the method, the raw
/// request target (so <c>%3A</c> in the path must be signed as <c>%253A</c>), the signed headers' received values and
/// the SHA-256 of the received body, with the secret the fake knows. Written from the SigV4 spec on its own, so it
/// does not share Junction's signer's mistakes.
/// </summary>
internal static class FakeSigV4Verifier
{
    /// <summary>Null when the signature is good; otherwise the AWS error type and message to answer 403 with.</summary>
    public static (string Type, string Message)? Verify(HttpContext context, ReadOnlySpan<byte> body, FakeBedrockOptions options, DateTimeOffset now)
    {
        var request = context.Request;
        var authorization = request.Headers.Authorization.ToString();
        const string prefix = "AWS4-HMAC-SHA256 ";
        if (!authorization.StartsWith(prefix, StringComparison.Ordinal))
        {
            return ("MissingAuthenticationTokenException", "Missing Authentication Token");
        }

        var parts = authorization[prefix.Length..].Split(',', StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        if (!parts.TryGetValue("Credential", out var credential) || !parts.TryGetValue("SignedHeaders", out var signedHeaders) ||
            !parts.TryGetValue("Signature", out var signature))
        {
            return ("IncompleteSignatureException", "Authorization header requires Credential, SignedHeaders and Signature.");
        }

        var scope = credential.Split('/');
        if (scope.Length != 5 || scope[0] != options.AccessKeyId)
        {
            return ("UnrecognizedClientException", "The security token included in the request is invalid.");
        }

        if (scope[2] != options.Region || scope[3] != "bedrock" || scope[4] != "aws4_request")
        {
            return ("InvalidSignatureException", $"Credential should be scoped to a valid region and service 'bedrock', not '{scope[2]}/{scope[3]}'.");
        }

        var amzDate = request.Headers["X-Amz-Date"].ToString();
        if (!DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var signedAt) || amzDate[..8] != scope[1])
        {
            return ("IncompleteSignatureException", "X-Amz-Date is missing or does not match the credential scope.");
        }

        if ((now - signedAt).Duration() > TimeSpan.FromMinutes(5))
        {
            return ("InvalidSignatureException", "Signature expired.");
        }

        var names = signedHeaders.Split(';');
        if (!names.Contains("host") || !names.Contains("x-amz-date"))
        {
            return ("InvalidSignatureException", "host and x-amz-date must be signed.");
        }

        if (options.SessionToken is { } token &&
            (request.Headers["X-Amz-Security-Token"].ToString() != token || !names.Contains("x-amz-security-token")))
        {
            return ("UnrecognizedClientException", "The security token included in the request is invalid.");
        }

        var canonicalHeaders = new StringBuilder();
        foreach (var name in names)
        {
            var value = name == "host" ? request.Host.Value : string.Join(',', request.Headers[name].Select(v => Collapse(v ?? "")));
            canonicalHeaders.Append(name).Append(':').Append(value).Append('\n');
        }

        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path.Value ?? "/";
        var rawPath = rawTarget.Split('?')[0];
        var canonicalRequest = string.Join('\n', request.Method, Encode(rawPath), "", canonicalHeaders.ToString(), signedHeaders,
            Convert.ToHexStringLower(SHA256.HashData(body)));
        var stringToSign = string.Join('\n', "AWS4-HMAC-SHA256", amzDate, string.Join('/', scope[1..]),
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + options.SecretAccessKey), scope[1]);
        foreach (var part in new[] { scope[2], scope[3], "aws4_request" })
        {
            key = Hmac(key, part);
        }

        var expected = Convert.ToHexStringLower(Hmac(key, stringToSign));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature))
            ? null
            : ("InvalidSignatureException",
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.");
    }

    /// <summary>RFC 3986 encoding of every byte but unreserved ones and '/': applied to the path as received (double-encoding).</summary>
    private static string Encode(string path)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(path))
        {
            var c = (char)b;
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' or '/' ? c.ToString() : "%" + b.ToString("X2", CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    private static string Collapse(string value) => string.Join(' ', value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));
}
