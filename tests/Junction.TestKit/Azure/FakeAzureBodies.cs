using System.Text.Json;
using System.Text.Json.Nodes;

namespace Junction.TestKit.Azure;

/// <summary>The success bodies the fake answers with, shaped like Azure OpenAI's (filter results included).</summary>
public static class FakeAzureBodies
{
    public const long Created = 1735689600;

    /// <summary>The text every chat answer starts with; the deployment name follows.</summary>
    public const string ChatText = "Hello from Azure deployment ";

    /// <summary>A user message containing this makes the fake answer with <c>finish_reason: content_filter</c>.</summary>
    public const string FilterOutputTrigger = "FILTER_OUTPUT";

    public static JsonObject Severity(bool filtered = false, string severity = "safe") => new() { ["filtered"] = filtered, ["severity"] = severity };

    public static JsonObject ChoiceFilterResults(bool violence = false) => new()
    {
        ["hate"] = Severity(),
        ["self_harm"] = Severity(),
        ["sexual"] = Severity(),
        ["violence"] = violence ? Severity(true, "medium") : Severity(),
    };

    public static JsonArray PromptFilterResults() =>
    [
        new JsonObject
        {
            ["prompt_index"] = 0,
            ["content_filter_results"] = new JsonObject
            {
                ["hate"] = Severity(), ["self_harm"] = Severity(), ["sexual"] = Severity(), ["violence"] = Severity(),
                ["jailbreak"] = new JsonObject { ["filtered"] = false, ["detected"] = false },
            },
        },
    ];

    public static JsonObject Usage(int prompt, int completion) => new()
    {
        ["prompt_tokens"] = prompt, ["completion_tokens"] = completion, ["total_tokens"] = prompt + completion,
    };

    public static string Chat(JsonDocument request, string deployment)
    {
        var filtered = LastUserText(request).Contains(FilterOutputTrigger, StringComparison.Ordinal);
        var toolName = ForcedToolName(request);
        var message = toolName is null
            ? new JsonObject { ["role"] = "assistant", ["content"] = filtered ? "Partial" : ChatText + deployment + "." }
            : new JsonObject
            {
                ["role"] = "assistant",
                ["content"] = null,
                ["tool_calls"] = new JsonArray(new JsonObject
                {
                    ["id"] = "call_azure0", ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = toolName, ["arguments"] = "{\"city\":\"Paris\"}" },
                }),
            };
        return new JsonObject
        {
            ["id"] = "chatcmpl-azure-1",
            ["object"] = "chat.completion",
            ["created"] = Created,
            ["model"] = "gpt-4o-2024-08-06",
            ["system_fingerprint"] = "fp_azure",
            ["prompt_filter_results"] = PromptFilterResults(),
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = message,
                ["logprobs"] = null,
                ["finish_reason"] = filtered ? "content_filter" : toolName is null ? "stop" : "tool_calls",
                ["content_filter_results"] = ChoiceFilterResults(violence: filtered),
            }),
            ["usage"] = Usage(12, 7),
        }.ToJsonString();
    }

    /// <summary>The events of a streamed chat answer with Azure's quirks: a filter-only first chunk, a trailing filter chunk.</summary>
    public static IEnumerable<string> ChatStream(JsonDocument request, string deployment)
    {
        var includeUsage = request.RootElement.TryGetProperty("stream_options", out var options) &&
            options.TryGetProperty("include_usage", out var include) && include.ValueKind == JsonValueKind.True;
        yield return new JsonObject
        {
            ["choices"] = new JsonArray(), ["created"] = 0, ["id"] = "", ["model"] = "", ["object"] = "",
            ["prompt_filter_results"] = PromptFilterResults(),
        }.ToJsonString();
        yield return Chunk(new JsonObject { ["role"] = "assistant", ["content"] = "" }, new JsonObject(), null);
        foreach (var piece in new[] { ChatText, deployment, "." })
        {
            yield return Chunk(new JsonObject { ["content"] = piece }, ChoiceFilterResults(), null);
        }

        yield return Chunk(new JsonObject(), new JsonObject(), "stop");
        var trailing = JsonNode.Parse(Chunk(new JsonObject(), ChoiceFilterResults(), null))!.AsObject();
        trailing["choices"]![0]!.AsObject()["content_filter_offsets"] = new JsonObject { ["check_offset"] = 0, ["start_offset"] = 0, ["end_offset"] = 12 };
        yield return trailing.ToJsonString();
        if (includeUsage)
        {
            yield return new JsonObject
            {
                ["id"] = "chatcmpl-azure-1", ["object"] = "chat.completion.chunk", ["created"] = Created, ["model"] = "gpt-4o-2024-08-06",
                ["choices"] = new JsonArray(), ["usage"] = Usage(12, 7),
            }.ToJsonString();
        }
    }

    public static string Completion(string deployment) => new JsonObject
    {
        ["id"] = "cmpl-azure-1",
        ["object"] = "text_completion",
        ["created"] = Created,
        ["model"] = "gpt-35-turbo-instruct",
        ["prompt_filter_results"] = PromptFilterResults(),
        ["choices"] = new JsonArray(new JsonObject
        {
            ["text"] = " completed by " + deployment, ["index"] = 0, ["finish_reason"] = "stop", ["logprobs"] = null,
            ["content_filter_results"] = ChoiceFilterResults(),
        }),
        ["usage"] = Usage(3, 4),
    }.ToJsonString();

    public static string Embeddings(JsonDocument request)
    {
        var root = request.RootElement;
        var count = root.GetProperty("input") is { ValueKind: JsonValueKind.Array } input ? input.GetArrayLength() : 1;
        var base64 = root.TryGetProperty("encoding_format", out var format) && format.ValueEquals("base64");
        var data = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            float[] vector = [0.1f * (i + 1), 0.2f, 0.3f, 0.4f];
            JsonNode embedding = base64
                ? JsonValue.Create(Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector.AsSpan())))
                : new JsonArray([.. vector.Select(v => (JsonNode)JsonValue.Create(v))]);
            data.Add(new JsonObject { ["object"] = "embedding", ["index"] = i, ["embedding"] = embedding });
        }

        return new JsonObject
        {
            ["object"] = "list", ["data"] = data, ["model"] = "text-embedding-3-small",
            ["usage"] = new JsonObject { ["prompt_tokens"] = 2 * count, ["total_tokens"] = 2 * count },
        }.ToJsonString();
    }

    public static string Image(JsonDocument request)
    {
        var b64 = request.RootElement.TryGetProperty("response_format", out var format) && format.ValueEquals("b64_json");
        var image = new JsonObject
        {
            ["revised_prompt"] = "A revised " + (request.RootElement.TryGetProperty("prompt", out var p) ? p.GetString() : ""),
            ["content_filter_results"] = ChoiceFilterResults(),
            ["prompt_filter_results"] = ChoiceFilterResults(),
        };
        if (b64)
        {
            image["b64_json"] = Convert.ToBase64String("fake-azure-png"u8);
        }
        else
        {
            image["url"] = "https://fake-azure.blob.core.windows.net/images/generated-0.png";
        }

        return new JsonObject { ["created"] = Created, ["data"] = new JsonArray(image) }.ToJsonString();
    }

    /// <summary>A transcript in the requested format, with its content type.</summary>
    public static (string ContentType, string Body) Transcript(string format, string fileName, long length, bool translate)
    {
        var text = $"Azure {(translate ? "translated" : "transcribed")} {fileName} ({length} bytes)";
        return format switch
        {
            "text" => ("text/plain; charset=utf-8", text + "\n"),
            "srt" => ("text/plain; charset=utf-8", $"1\n00:00:00,000 --> 00:00:02,000\n{text}\n\n"),
            "vtt" => ("text/plain; charset=utf-8", $"WEBVTT\n\n00:00:00.000 --> 00:00:02.000\n{text}\n\n"),
            "verbose_json" => ("application/json", new JsonObject
            {
                ["task"] = translate ? "translate" : "transcribe", ["language"] = "english", ["duration"] = 2.0, ["text"] = text,
                ["segments"] = new JsonArray(new JsonObject { ["id"] = 0, ["start"] = 0.0, ["end"] = 2.0, ["text"] = text }),
            }.ToJsonString()),
            _ => ("application/json", new JsonObject { ["text"] = text }.ToJsonString()),
        };
    }

    private static string Chunk(JsonObject delta, JsonObject filterResults, string? finishReason) => new JsonObject
    {
        ["id"] = "chatcmpl-azure-1",
        ["object"] = "chat.completion.chunk",
        ["created"] = Created,
        ["model"] = "gpt-4o-2024-08-06",
        ["system_fingerprint"] = "fp_azure",
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0, ["delta"] = delta, ["content_filter_results"] = filterResults, ["logprobs"] = null, ["finish_reason"] = finishReason,
        }),
    }.ToJsonString();

    private static string LastUserText(JsonDocument request)
    {
        var text = "";
        if (request.RootElement.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array)
        {
            foreach (var message in messages.EnumerateArray())
            {
                if (message.TryGetProperty("role", out var role) && role.ValueEquals("user") &&
                    message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String)
                {
                    text = content.GetString()!;
                }
            }
        }

        return text;
    }

    private static string? ForcedToolName(JsonDocument request)
    {
        var root = request.RootElement;
        if (!root.TryGetProperty("tools", out var tools) || tools.ValueKind != JsonValueKind.Array || tools.GetArrayLength() == 0 ||
            !root.TryGetProperty("tool_choice", out var choice))
        {
            return null;
        }

        if (choice.ValueKind == JsonValueKind.Object && choice.TryGetProperty("function", out var function))
        {
            return function.GetProperty("name").GetString();
        }

        return choice.ValueEquals("required") ? tools[0].GetProperty("function").GetProperty("name").GetString() : null;
    }
}
