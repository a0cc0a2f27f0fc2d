namespace Junction.Providers.Bedrock;

/// <summary>
/// The parts of an HTTP request that SigV4 signs. The canonical URI and query come from
/// <see cref="Uri.AbsolutePath"/> and <see cref="Uri.Query"/>, which is exactly what HttpClient puts on the request
/// line, so build the Uri from the escaped string you send (<c>.../model/anthropic.claude-v2%3A1/converse</c>).
/// </summary>
/// <param name="Method">HTTP method, e.g. <c>POST</c>.</param>
/// <param name="Uri">Absolute request URI.</param>
/// <param name="Headers">Headers to sign, in send order; a name may repeat. <c>host</c> is derived from the Uri when absent.</param>
/// <param name="PayloadSha256Hex">Lower-case hex SHA-256 of the body (<see cref="SigV4Signer.HashPayload"/>).</param>
internal sealed record SigV4Request(
    string Method,
    Uri Uri,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string PayloadSha256Hex);
