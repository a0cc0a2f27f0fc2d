namespace Junction.TestKit.Azure;

/// <summary>One request the fake received, as it arrived (headers, query, body or form), for assertions.</summary>
public sealed record FakeAzureCall(
    string Method,
    string Path,
    string? ApiVersion,
    IReadOnlyDictionary<string, string> Headers,
    string? Body,
    IReadOnlyList<KeyValuePair<string, string>> FormFields,
    long? FileLength,
    string? FileName)
{
    /// <summary>The deployment the call addressed: the path segment (dated) or the body's/form's model (v1).</summary>
    public string? Deployment { get; init; }

    /// <summary>Whether any header value contains <paramref name="secret"/>.</summary>
    public bool HeadersContain(string secret) => Headers.Values.Any(v => v.Contains(secret, StringComparison.Ordinal));
}
