namespace Junction.Providers.Bedrock;

/// <summary>The outcome of <see cref="SigV4Signer.Presign"/>.</summary>
/// <param name="CanonicalRequest">The six-line canonical request (for diagnostics and tests).</param>
/// <param name="StringToSign">The four-line string to sign.</param>
/// <param name="Signature">Lower-hex signature, also the last query parameter.</param>
/// <param name="Query">The full query to send, starting with <c>?</c>: the original parameters, then the auth ones.</param>
internal sealed record SigV4PresignResult(string CanonicalRequest, string StringToSign, string Signature, string Query);
