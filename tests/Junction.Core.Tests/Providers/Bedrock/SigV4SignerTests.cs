using System.Globalization;
using System.Text;
using System.Text.Json;
using Junction.Providers.Bedrock;
using Junction.Tests.TestSupport;

namespace Junction.Tests.Providers.Bedrock;

public class SigV4SignerTests
{
    private static readonly AwsCredentials ExampleCredentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    private static readonly DateTimeOffset BedrockTime = new(2025, 1, 15, 12, 30, 45, TimeSpan.Zero);

    public static TheoryData<string> SuiteCases =>
        [.. Directory.GetDirectories(ReferenceFiles.Path("sigv4-test-suite", "v4")).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal)];

    public static TheoryData<string> BedrockCases =>
        [.. BedrockVectors().GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];

    /// <summary>
    /// Every aws-c-auth case, header variant. The raw request line can carry bytes a canonicalising Uri would rewrite
    /// (spaces, UTF-8, "/./", "/.."), so the Uri is built with path canonicalisation off: it then holds, and HttpClient
    /// would send, exactly the suite's request target. Two context flags are applied by the caller, as in real use:
    /// sign_body adds x-amz-content-sha256 (S3-style; Bedrock does not need it), and omit_session_token
    /// (post-sts-header-after) signs without the token and appends X-Amz-Security-Token unsigned afterwards, a legacy
    /// mode the signer does not offer itself (Bedrock and botocore sign the token) but whose signature is checked here.
    /// </summary>
    [Theory]
    [MemberData(nameof(SuiteCases))]
    public void Sign_AwsCAuthSuiteCase_MatchesHeaderVariant(string name)
    {
        var c = SuiteCase.Load(name);
        var headers = c.Headers.ToList();
        if (c.SignBody)
        {
            headers.Add(new("x-amz-content-sha256", SigV4Signer.HashPayload(c.Body)));
        }

        var result = SigV4Signer.Sign(new SigV4Request(c.Method, c.Uri, headers, SigV4Signer.HashPayload(c.Body)),
            c.SigningCredentials, c.Region, c.Service, c.Now, c.Normalize);

        Assert.Equal(c.Read("header-canonical-request.txt"), result.CanonicalRequest);
        Assert.Equal(c.Read("header-string-to-sign.txt"), result.StringToSign);
        Assert.Equal(c.Read("header-signature.txt").Trim(), result.Signature);

        var signedRequest = c.Read("header-signed-request.txt").Split('\n');
        Assert.Contains($"Authorization:{result.Authorization}", signedRequest);
        Assert.Contains($"X-Amz-Date:{result.HeadersToAdd[0].Value}", signedRequest);
        if (c.Token is not null)
        {
            Assert.Contains($"X-Amz-Security-Token:{c.Token}", signedRequest);
        }
    }

    /// <summary>
    /// Every aws-c-auth case, presigned-URL variant. The query variant never adds x-amz-content-sha256. For
    /// omit_session_token the token is appended unsigned after X-Amz-Expires; the signer does not do that, so the
    /// expected request line is compared with that one parameter taken out.
    /// </summary>
    [Theory]
    [MemberData(nameof(SuiteCases))]
    public void Presign_AwsCAuthSuiteCase_MatchesQueryVariant(string name)
    {
        var c = SuiteCase.Load(name);

        var result = SigV4Signer.Presign(new SigV4Request(c.Method, c.Uri, c.Headers, SigV4Signer.HashPayload(c.Body)),
            c.SigningCredentials, c.Region, c.Service, c.Now, TimeSpan.FromSeconds(c.ExpiresInSeconds), c.Normalize);

        Assert.Equal(c.Read("query-canonical-request.txt"), result.CanonicalRequest);
        Assert.Equal(c.Read("query-string-to-sign.txt"), result.StringToSign);
        Assert.Equal(c.Read("query-signature.txt").Trim(), result.Signature);

        var expectedLine = c.Read("query-signed-request.txt").Split('\n')[0];
        if (c.OmitToken)
        {
            expectedLine = expectedLine.Replace($"&X-Amz-Security-Token={Uri.EscapeDataString(c.Token!)}", "", StringComparison.Ordinal);
        }

        Assert.Equal(expectedLine, $"{c.Method} {c.Uri.AbsolutePath}{result.Query} HTTP/1.1");
    }

    [Theory]
    [MemberData(nameof(BedrockCases))]
    public void Sign_BedrockVector_MatchesBotocore(string name)
    {
        var vector = BedrockVectors().GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
        var input = vector.GetProperty("input");
        var body = Encoding.UTF8.GetBytes(input.GetProperty("body_utf8").GetString()!);
        var headers = input.GetProperty("headers_before_signing").EnumerateObject()
            .Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString()!)).ToList();
        var credentials = new AwsCredentials(
            input.GetProperty("access_key_id").GetString()!,
            input.GetProperty("secret_access_key").GetString()!,
            input.GetProperty("session_token").GetString());
        var now = DateTimeOffset.ParseExact(input.GetProperty("timestamp").GetString()!, "yyyyMMdd'T'HHmmss'Z'",
            CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var uri = new Uri(input.GetProperty("url").GetString()!);

        var result = SigV4Signer.Sign(input.GetProperty("method").GetString()!, uri, headers, body, credentials,
            input.GetProperty("region").GetString()!, input.GetProperty("service").GetString()!, now);

        Assert.Equal(vector.GetProperty("body_sha256_hex").GetString(), SigV4Signer.HashPayload(body));
        Assert.Equal(vector.GetProperty("canonical_request").GetString(), result.CanonicalRequest);
        Assert.Equal(vector.GetProperty("string_to_sign").GetString(), result.StringToSign);
        Assert.Equal(vector.GetProperty("authorization").GetString(), result.Authorization);
        var added = vector.GetProperty("signed_request_headers").EnumerateObject()
            .Where(p => !headers.Any(h => h.Key == p.Name))
            .Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString()!));
        Assert.Equal(added, result.HeadersToAdd);
        // The URL HttpClient will send is the one that was signed (%3A stays %3A on the wire).
        Assert.Equal(vector.GetProperty("final_url").GetString(), uri.AbsoluteUri);
    }

    [Fact]
    public void Sign_NoHostHeaderAndNonDefaultPort_SignsHostWithPort()
    {
        var uri = new Uri("http://127.0.0.1:8080/model/amazon.nova-pro-v1%3A0/converse");

        var result = SigV4Signer.Sign("POST", uri, [], "{}"u8, ExampleCredentials, "us-east-1", "bedrock", BedrockTime);

        Assert.Contains("\nhost:127.0.0.1:8080\n", result.CanonicalRequest, StringComparison.Ordinal);
        Assert.StartsWith("POST\n/model/amazon.nova-pro-v1%253A0/converse\n\n", result.CanonicalRequest, StringComparison.Ordinal);
        Assert.Equal("host;x-amz-date", result.SignedHeaders);
    }

    [Fact]
    public void Sign_ExplicitDefaultPort_SignsHostWithoutPort()
    {
        var uri = new Uri("https://bedrock-runtime.us-east-1.amazonaws.com:443/model/x/converse");

        var result = SigV4Signer.Sign("POST", uri, [], [], ExampleCredentials, "us-east-1", "bedrock", BedrockTime);

        Assert.Contains("\nhost:bedrock-runtime.us-east-1.amazonaws.com\n", result.CanonicalRequest, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_IPv6HostWithPort_BracketsHost()
    {
        var result = SigV4Signer.Sign("GET", new Uri("http://[::1]:9000/"), [], [], ExampleCredentials, "us-east-1", "bedrock", BedrockTime);

        Assert.Contains("\nhost:[::1]:9000\n", result.CanonicalRequest, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_CallerHostHeader_IsSignedInsteadOfUriHost()
    {
        var uri = new Uri("http://127.0.0.1:8080/");

        var result = SigV4Signer.Sign("GET", uri, [new("Host", "bedrock-runtime.us-east-1.amazonaws.com")], [],
            ExampleCredentials, "us-east-1", "bedrock", BedrockTime);

        Assert.Contains("\nhost:bedrock-runtime.us-east-1.amazonaws.com\n", result.CanonicalRequest, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", result.CanonicalRequest, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_CallerAuthAndHopHeaders_AreNotSigned()
    {
        KeyValuePair<string, string>[] headers =
        [
            new("Authorization", "Bearer stale"), new("X-Amz-Date", "19990101T000000Z"), new("User-Agent", "junction/0.1"),
            new("X-Amzn-Trace-Id", "Root=1"), new("Content-Type", "application/json"),
        ];

        var result = SigV4Signer.Sign("POST", new Uri("https://h.example/"), headers, [], ExampleCredentials, "us-east-1", "bedrock", BedrockTime);

        Assert.Equal("content-type;host;x-amz-date", result.SignedHeaders);
        Assert.Contains("\nx-amz-date:20250115T123045Z\n", result.CanonicalRequest, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_SessionToken_AddsSignedSecurityTokenHeaderBeforeAuthorization()
    {
        var credentials = ExampleCredentials with { SessionToken = "token/with+chars=" };

        var result = SigV4Signer.Sign("POST", new Uri("https://h.example/"), [], [], credentials, "us-west-2", "bedrock", BedrockTime);

        Assert.Equal("host;x-amz-date;x-amz-security-token", result.SignedHeaders);
        Assert.Equal(["X-Amz-Date", "X-Amz-Security-Token", "Authorization"], result.HeadersToAdd.Select(h => h.Key));
        Assert.Equal("token/with+chars=", result.HeadersToAdd[1].Value);
    }

    [Fact]
    public void Sign_NonUtcOffset_UsesUtcDateAndScope()
    {
        var now = new DateTimeOffset(2025, 1, 16, 1, 30, 45, TimeSpan.FromHours(13)); // 2025-01-15T12:30:45Z

        var result = SigV4Signer.Sign("GET", new Uri("https://h.example/"), [], [], ExampleCredentials, "us-east-1", "bedrock", now);

        Assert.Equal("20250115T123045Z", result.HeadersToAdd[0].Value);
        Assert.Contains("\n20250115/us-east-1/bedrock/aws4_request\n", result.StringToSign, StringComparison.Ordinal);
    }

    [Fact]
    public void AwsCredentials_ToString_HidesSecretAndSessionToken()
    {
        var credentials = new AwsCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "SESSIONTOKENVALUE",
            new DateTimeOffset(2025, 1, 15, 13, 0, 0, TimeSpan.Zero));

        var text = credentials.ToString();

        Assert.Contains("AKIDEXAMPLE", text, StringComparison.Ordinal);
        Assert.DoesNotContain("wJalrXUtnFEMI", text, StringComparison.Ordinal);
        Assert.DoesNotContain("SESSIONTOKENVALUE", text, StringComparison.Ordinal);
        Assert.DoesNotContain("wJalrXUtnFEMI", $"{credentials}", StringComparison.Ordinal);
    }

    private static JsonElement BedrockVectors() =>
        JsonDocument.Parse(File.ReadAllBytes(ReferenceFiles.Path("sigv4-test-suite", "bedrock-sigv4-vectors.json"))).RootElement;

    /// <summary>One aws-c-auth case: context.json plus the parsed request.txt.</summary>
    private sealed record SuiteCase(string Dir, AwsCredentials SigningCredentials, string? Token, bool OmitToken,
        string Region, string Service, DateTimeOffset Now, bool Normalize, bool SignBody, int ExpiresInSeconds,
        string Method, Uri Uri, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
    {
        public string Read(string file) => File.ReadAllText(Path.Combine(Dir, file));

        public static SuiteCase Load(string name)
        {
            var dir = ReferenceFiles.Path("sigv4-test-suite", "v4", name);
            using var context = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "context.json")));
            var ctx = context.RootElement;
            var creds = ctx.GetProperty("credentials");
            var token = creds.TryGetProperty("token", out var t) ? t.GetString() : null;
            var omitToken = ctx.TryGetProperty("omit_session_token", out var o) && o.GetBoolean();
            var credentials = new AwsCredentials(
                creds.GetProperty("access_key_id").GetString()!,
                creds.GetProperty("secret_access_key").GetString()!,
                omitToken ? null : token);

            var (method, target, headers, body) = ParseRequest(File.ReadAllBytes(Path.Combine(dir, "request.txt")));
            var host = headers.First(h => h.Key.Equals("host", StringComparison.OrdinalIgnoreCase)).Value;
            var uri = new Uri($"http://{host}{target}", new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });

            return new SuiteCase(dir, credentials, token, omitToken,
                ctx.GetProperty("region").GetString()!, ctx.GetProperty("service").GetString()!,
                DateTimeOffset.Parse(ctx.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture),
                ctx.GetProperty("normalize").GetBoolean(), ctx.GetProperty("sign_body").GetBoolean(),
                ctx.GetProperty("expiration_in_seconds").GetInt32(), method, uri, headers, body);
        }

        /// <summary>
        /// Parses a request.txt: "METHOD target HTTP/1.1" (the target may contain spaces), "Name:value" headers,
        /// folded continuation lines (leading whitespace) joined to the previous value with one space as RFC 9112
        /// obs-fold prescribes, a blank line, then the body.
        /// </summary>
        private static (string Method, string Target, List<KeyValuePair<string, string>> Headers, byte[] Body) ParseRequest(byte[] raw)
        {
            var text = Encoding.UTF8.GetString(raw);
            var split = text.IndexOf("\n\n", StringComparison.Ordinal);
            var head = split < 0 ? text.TrimEnd('\n') : text[..split];
            var body = split < 0 ? "" : text[(split + 2)..];

            var lines = head.Split('\n');
            var requestLine = lines[0];
            var method = requestLine[..requestLine.IndexOf(' ', StringComparison.Ordinal)];
            var target = requestLine[(method.Length + 1)..requestLine.LastIndexOf(' ')];

            var headers = new List<KeyValuePair<string, string>>();
            foreach (var line in lines.Skip(1))
            {
                if (line.Length > 0 && line[0] is ' ' or '\t')
                {
                    var last = headers[^1];
                    headers[^1] = new(last.Key, last.Value + " " + line.Trim());
                    continue;
                }

                var colon = line.IndexOf(':', StringComparison.Ordinal);
                headers.Add(new(line[..colon], line[(colon + 1)..]));
            }

            return (method, target, headers, Encoding.UTF8.GetBytes(body));
        }
    }
}
