using System.Text.Json.Nodes;

namespace Junction.TestKit.Bedrock;

/// <summary>One request the fake received, as it arrived.</summary>
/// <param name="RawTarget">The request target byte for byte (<c>/model/x-v1%3A0/converse</c>).</param>
/// <param name="ModelId">The model id segment, percent-decoded.</param>
/// <param name="Operation"><c>converse</c>, <c>converse-stream</c>, <c>invoke</c> or <c>invoke-with-response-stream</c>.</param>
/// <param name="AuthScheme"><c>sigv4</c> or <c>bearer</c>.</param>
/// <param name="Headers">Request headers (names lower-case).</param>
/// <param name="Body">The body bytes.</param>
public sealed record FakeBedrockRequest(
    string RawTarget, string ModelId, string Operation, string AuthScheme, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    /// <summary>The body parsed as JSON (null when it is not JSON).</summary>
    public JsonNode? Json
    {
        get
        {
            try
            {
                return JsonNode.Parse(Body);
            }
            catch (System.Text.Json.JsonException)
            {
                return null;
            }
        }
    }
}
