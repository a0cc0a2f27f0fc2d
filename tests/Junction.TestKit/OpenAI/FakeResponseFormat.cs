namespace Junction.TestKit.OpenAI;

/// <summary>A chat request's <c>response_format.type</c>.</summary>
internal enum FakeResponseFormat
{
    Text,
    JsonObject,
    JsonSchema,
}
