namespace Junction.TestKit.OpenAI;

/// <summary>One function call the fake makes: <c>{"id","type":"function","function":{"name","arguments"}}</c>.</summary>
internal readonly record struct FakeToolCall(string Id, string Name, string Arguments);
