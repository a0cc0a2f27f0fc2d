namespace Junction.Providers.Bedrock;

/// <summary>The outcome of <see cref="SigV4Signer.Sign(SigV4Request, AwsCredentials, string, string, DateTimeOffset, bool)"/>.</summary>
/// <param name="CanonicalRequest">The six-line canonical request (for diagnostics and tests).</param>
/// <param name="StringToSign">The four-line string to sign.</param>
/// <param name="Signature">Lower-hex HMAC-SHA256 signature.</param>
/// <param name="SignedHeaders">Lower-case signed header names joined with <c>;</c>.</param>
/// <param name="HeadersToAdd"><c>X-Amz-Date</c>, <c>X-Amz-Security-Token</c> (with a session token) and <c>Authorization</c>, in that order.</param>
internal sealed record SigV4Result(
    string CanonicalRequest,
    string StringToSign,
    string Signature,
    string SignedHeaders,
    IReadOnlyList<KeyValuePair<string, string>> HeadersToAdd)
{
    public string Authorization => HeadersToAdd[^1].Value;
}
