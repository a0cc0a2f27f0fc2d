using System.Text.Json;

namespace Junction.TestKit.OpenAI;

/// <summary>The parts of a <c>POST /v1/chat/completions</c> body the fake reacts to; element values live in the parsed document.</summary>
internal sealed class FakeChatRequest
{
    private FakeChatRequest(string model) => Model = model;

    public string Model { get; }

    public bool Stream { get; private init; }

    public bool IncludeUsage { get; private set; }

    /// <summary>This request as a server that ignores <c>include_usage</c> sees it (the instance is per request).</summary>
    public FakeChatRequest WithoutUsage()
    {
        IncludeUsage = false;
        return this;
    }

    public int N { get; private init; } = 1;

    public bool Logprobs { get; private init; }

    public int? MaxTokens { get; private init; }

    public string LastUserText { get; private init; } = "";

    /// <summary>The content of the last message when that message has role <c>tool</c>.</summary>
    public string? ToolResult { get; private init; }

    public int PromptTokens { get; private init; }

    public IReadOnlyList<(string Name, JsonElement? Parameters)> Tools { get; private init; } = [];

    public FakeToolChoice ToolChoice { get; private init; }

    public string? ForcedToolName { get; private init; }

    public FakeResponseFormat ResponseFormat { get; private init; }

    public JsonElement? Schema { get; private init; }

    public static FakeChatRequest? Parse(JsonElement root, out FakeApiError error)
    {
        error = default;
        if (FakeJson.GetString(root, "model") is not { Length: > 0 } model)
        {
            error = FakeApiError.MissingModel;
            return null;
        }

        if (!root.TryGetProperty("messages", out JsonElement messages) || messages.ValueKind != JsonValueKind.Array)
        {
            error = FakeApiError.MissingParameter("messages");
            return null;
        }

        if (messages.GetArrayLength() == 0)
        {
            error = FakeApiError.InvalidValue(
                "messages", "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.");
            return null;
        }

        int n = FakeJson.GetInt(root, "n") ?? 1;
        if (n is < 1 or > 128)
        {
            error = FakeApiError.InvalidValue("n", $"Invalid 'n': integer out of range. Expected a value between 1 and 128, but got {n} instead.");
            return null;
        }

        int characters = 0;
        string lastUser = "";
        string? toolResult = null;
        foreach (JsonElement message in messages.EnumerateArray())
        {
            string role = message.ValueKind == JsonValueKind.Object ? FakeJson.GetString(message, "role") ?? "" : "";
            string text = message.ValueKind == JsonValueKind.Object && message.TryGetProperty("content", out JsonElement content)
                ? FakeText.ContentText(content)
                : "";
            characters += text.Length;
            toolResult = role == "tool" ? text : null;
            if (role == "user")
            {
                lastUser = text;
            }
        }

        (FakeToolChoice choice, string? forced) = ParseToolChoice(root);
        (FakeResponseFormat format, JsonElement? schema) = ParseResponseFormat(root);
        return new FakeChatRequest(model)
        {
            Stream = FakeJson.GetBool(root, "stream"),
            IncludeUsage = root.TryGetProperty("stream_options", out JsonElement options)
                && options.ValueKind == JsonValueKind.Object
                && FakeJson.GetBool(options, "include_usage"),
            N = n,
            Logprobs = FakeJson.GetBool(root, "logprobs"),
            MaxTokens = FakeJson.GetInt(root, "max_completion_tokens") ?? FakeJson.GetInt(root, "max_tokens"),
            LastUserText = lastUser,
            ToolResult = toolResult,
            PromptTokens = FakeText.PromptTokens(characters),
            Tools = ParseTools(root),
            ToolChoice = choice,
            ForcedToolName = forced,
            ResponseFormat = format,
            Schema = schema,
        };
    }

    private static IReadOnlyList<(string, JsonElement?)> ParseTools(JsonElement root)
    {
        if (!root.TryGetProperty("tools", out JsonElement array) || array.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var tools = new List<(string, JsonElement?)>();
        foreach (JsonElement tool in array.EnumerateArray())
        {
            if (tool.ValueKind == JsonValueKind.Object
                && tool.TryGetProperty("function", out JsonElement function)
                && function.ValueKind == JsonValueKind.Object
                && FakeJson.GetString(function, "name") is { } name)
            {
                tools.Add((name, function.TryGetProperty("parameters", out JsonElement p) ? p : null));
            }
        }

        return tools;
    }

    private static (FakeToolChoice, string?) ParseToolChoice(JsonElement root)
    {
        if (!root.TryGetProperty("tool_choice", out JsonElement choice))
        {
            return (FakeToolChoice.Text, null);
        }

        if (choice.ValueKind == JsonValueKind.String)
        {
            return (choice.ValueEquals("required") ? FakeToolChoice.Required : FakeToolChoice.Text, null);
        }

        if (choice.ValueKind == JsonValueKind.Object
            && choice.TryGetProperty("function", out JsonElement function)
            && function.ValueKind == JsonValueKind.Object
            && FakeJson.GetString(function, "name") is { } name)
        {
            return (FakeToolChoice.Named, name);
        }

        return (FakeToolChoice.Text, null);
    }

    private static (FakeResponseFormat, JsonElement?) ParseResponseFormat(JsonElement root)
    {
        if (!root.TryGetProperty("response_format", out JsonElement format) || format.ValueKind != JsonValueKind.Object)
        {
            return (FakeResponseFormat.Text, null);
        }

        return FakeJson.GetString(format, "type") switch
        {
            "json_object" => (FakeResponseFormat.JsonObject, null),
            "json_schema" => (
                FakeResponseFormat.JsonSchema,
                format.TryGetProperty("json_schema", out JsonElement js)
                    && js.ValueKind == JsonValueKind.Object
                    && js.TryGetProperty("schema", out JsonElement schema)
                        ? schema
                        : null),
            _ => (FakeResponseFormat.Text, null),
        };
    }
}
