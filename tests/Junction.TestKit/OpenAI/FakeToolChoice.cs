namespace Junction.TestKit.OpenAI;

/// <summary>How a chat request's <c>tool_choice</c> steers the fake: answer in text, call every tool, or call one.</summary>
internal enum FakeToolChoice
{
    Text,
    Required,
    Named,
}
