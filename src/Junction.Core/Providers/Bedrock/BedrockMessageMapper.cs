using System.Buffers.Text;
using System.Text.Json;
using Junction.Protocol.OpenAI;

namespace Junction.Providers.Bedrock;

/// <summary>
/// OpenAI chat messages → Converse <c>system</c> blocks and alternating <c>messages</c>. Pure; used by
/// <see cref="BedrockChatMapper"/>. Rules (PROTOCOLS §5.3):
/// <list type="bullet">
/// <item>system and developer messages are hoisted, in order, into <c>system</c> text blocks;</item>
/// <item>user/assistant text → <c>text</c> blocks; empty or whitespace-only text is dropped (Bedrock rejects it);</item>
/// <item>user <c>image_url</c> data: URLs → <c>image</c> blocks; remote URLs are a 400 (Bedrock needs the bytes);</item>
/// <item>assistant <c>tool_calls</c> → <c>toolUse</c> blocks, arguments parsed to a JSON object (invalid → 400);</item>
/// <item>tool messages → <c>toolResult</c> blocks (status success) in a user message;</item>
/// <item>consecutive messages of one Converse role are merged, so consecutive tool results share one user message;</item>
/// <item>a message left with no blocks disappears; the first remaining message must be from the user (else 400).</item>
/// </list>
/// A message's <c>name</c> and an assistant's <c>refusal</c> have no Converse equivalent and are ignored.
/// </summary>
internal static class BedrockMessageMapper
{
    public static List<ConverseMessage> ToConverseMessages(IReadOnlyList<ChatMessage> messages, out List<SystemContentBlock>? system)
    {
        system = null;
        var result = new List<ConverseMessage>();
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            switch (message.Role)
            {
                case "system" or "developer":
                    foreach (var text in SystemTexts(message.Content, i))
                    {
                        (system ??= []).Add(new SystemContentBlock { Text = text });
                    }

                    break;
                case "user":
                    Append(result, "user", UserBlocks(message.Content, i));
                    break;
                case "assistant":
                    Append(result, "assistant", AssistantBlocks(message, i));
                    break;
                case "tool":
                    Append(result, "user", [ToolResult(message, i)]);
                    break;
                case null:
                    throw BedrockMappingErrors.Invalid($"Missing required parameter: 'messages[{i}].role'.", $"messages[{i}].role",
                        "missing_required_parameter");
                default:
                    throw BedrockMappingErrors.Invalid(
                        $"The role '{message.Role}' of messages[{i}] is not supported by Bedrock deployments " +
                        "(use system, developer, user, assistant or tool).", $"messages[{i}].role", BedrockMappingErrors.UnsupportedValueCode);
            }
        }

        if (result.Count == 0)
        {
            throw BedrockMappingErrors.Invalid(
                "Bedrock needs at least one user message with non-empty content besides system messages.", "messages");
        }

        if (result[0].Role != "user")
        {
            throw BedrockMappingErrors.Invalid(
                "Bedrock requires the first message (after system and developer messages) to be from the user; " +
                "this conversation starts with an assistant message.", "messages");
        }

        return result;
    }

    /// <summary>True when any message carries a toolUse or toolResult block (Bedrock then requires <c>toolConfig</c>).</summary>
    public static bool HasToolBlocks(IReadOnlyList<ConverseMessage> messages)
    {
        foreach (var message in messages)
        {
            foreach (var block in message.Content)
            {
                if (block.ToolUse is not null || block.ToolResult is not null)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static void Append(List<ConverseMessage> result, string role, List<ContentBlock> blocks)
    {
        if (blocks.Count == 0)
        {
            return;
        }

        if (result.Count > 0 && result[^1].Role == role)
        {
            result[^1].Content.AddRange(blocks);
        }
        else
        {
            result.Add(new ConverseMessage { Role = role, Content = blocks });
        }
    }

    private static List<string> SystemTexts(MessageContent? content, int i)
    {
        var texts = new List<string>();
        if (content?.Text is { } text)
        {
            AddText(texts, text);
            return texts;
        }

        var parts = content?.Parts ?? [];
        for (var j = 0; j < parts.Count; j++)
        {
            if (parts[j].Type != "text")
            {
                throw UnsupportedPart(parts[j], i, j, "system and developer messages may only contain text");
            }

            AddText(texts, parts[j].Text);
        }

        return texts;
    }

    private static List<ContentBlock> UserBlocks(MessageContent? content, int i)
    {
        var blocks = new List<ContentBlock>();
        if (content?.Text is { } text)
        {
            AddTextBlock(blocks, text);
            return blocks;
        }

        var parts = content?.Parts ?? [];
        for (var j = 0; j < parts.Count; j++)
        {
            switch (parts[j].Type)
            {
                case "text":
                    AddTextBlock(blocks, parts[j].Text);
                    break;
                case "image_url":
                    blocks.Add(new ContentBlock { Image = ToImageBlock(parts[j].ImageUrl?.Url, i, j) });
                    break;
                default:
                    throw UnsupportedPart(parts[j], i, j, "user messages may contain text and image_url parts");
            }
        }

        return blocks;
    }

    private static List<ContentBlock> AssistantBlocks(ChatMessage message, int i)
    {
        var blocks = new List<ContentBlock>();
        if (message.Content?.Text is { } text)
        {
            AddTextBlock(blocks, text);
        }
        else if (message.Content?.Parts is { } parts)
        {
            for (var j = 0; j < parts.Count; j++)
            {
                switch (parts[j].Type)
                {
                    case "text":
                        AddTextBlock(blocks, parts[j].Text);
                        break;
                    case "refusal":
                        break;
                    default:
                        throw UnsupportedPart(parts[j], i, j, "assistant messages may contain text and refusal parts");
                }
            }
        }

        var calls = message.ToolCalls ?? [];
        for (var k = 0; k < calls.Count; k++)
        {
            blocks.Add(new ContentBlock { ToolUse = ToToolUse(calls[k], i, k) });
        }

        return blocks;
    }

    private static ToolUseBlock ToToolUse(ToolCall call, int i, int k)
    {
        var prefix = $"messages[{i}].tool_calls[{k}]";
        if (string.IsNullOrEmpty(call.Id))
        {
            throw BedrockMappingErrors.Invalid($"Missing required parameter: '{prefix}.id'.", $"{prefix}.id", "missing_required_parameter");
        }

        if (string.IsNullOrEmpty(call.Function?.Name))
        {
            throw BedrockMappingErrors.Invalid($"Missing required parameter: '{prefix}.function.name'.", $"{prefix}.function.name",
                "missing_required_parameter");
        }

        return new ToolUseBlock
        {
            ToolUseId = call.Id,
            Name = call.Function.Name,
            Input = ParseArguments(call.Function.Arguments, $"{prefix}.function.arguments"),
        };
    }

    /// <summary>
    /// Tool-call arguments are JSON text in OpenAI and a JSON object in Converse. Empty or missing arguments
    /// become <c>{}</c> (common for tools without parameters); anything that is not a JSON object is a 400.
    /// </summary>
    private static JsonElement ParseArguments(string? arguments, string param)
    {
        if (string.IsNullOrWhiteSpace(arguments))
        {
            arguments = "{}";
        }

        try
        {
            using var document = JsonDocument.Parse(arguments);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document.RootElement.Clone();
            }
        }
        catch (JsonException)
        {
        }

        throw BedrockMappingErrors.Invalid(
            $"'{param}' must be a JSON object encoded as a string; Bedrock needs tool input as a JSON object.", param);
    }

    private static ContentBlock ToolResult(ChatMessage message, int i)
    {
        if (string.IsNullOrEmpty(message.ToolCallId))
        {
            throw BedrockMappingErrors.Invalid($"Missing required parameter: 'messages[{i}].tool_call_id'.",
                $"messages[{i}].tool_call_id", "missing_required_parameter");
        }

        var content = new List<ToolResultContentBlock>();
        if (message.Content?.Text is { } text)
        {
            AddToolText(content, text);
        }
        else if (message.Content?.Parts is { } parts)
        {
            for (var j = 0; j < parts.Count; j++)
            {
                if (parts[j].Type != "text")
                {
                    throw UnsupportedPart(parts[j], i, j, "tool messages may only contain text");
                }

                AddToolText(content, parts[j].Text);
            }
        }

        return new ContentBlock
        {
            ToolResult = new ToolResultBlock { ToolUseId = message.ToolCallId, Content = content, Status = "success" },
        };
    }

    /// <summary>
    /// <c>data:image/png;base64,...</c> → an image block. Bedrock only takes inline bytes (or S3), and the gateway
    /// does not fetch remote URLs (that would be an SSRF hole), so an http(s) URL is a 400.
    /// </summary>
    private static ImageBlock ToImageBlock(string? url, int i, int j)
    {
        var param = $"messages[{i}].content[{j}].image_url";
        if (string.IsNullOrEmpty(url))
        {
            throw BedrockMappingErrors.Invalid($"Missing required parameter: '{param}.url'.", param, "missing_required_parameter");
        }

        if (!url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            throw BedrockMappingErrors.Invalid(
                "Bedrock needs images inline: send the image as a base64 data: URL (data:image/png;base64,...). " +
                "This gateway does not download remote image URLs.", param, "unsupported_image_url");
        }

        var comma = url.IndexOf(',', StringComparison.Ordinal);
        var header = comma < 0 ? "" : url[5..comma];
        var semicolon = header.IndexOf(';', StringComparison.Ordinal);
        var mediaType = (semicolon < 0 ? header : header[..semicolon]).Trim().ToLowerInvariant();
        var isBase64 = semicolon >= 0 && header[(semicolon + 1)..].Split(';').Contains("base64", StringComparer.OrdinalIgnoreCase);
        var data = comma < 0 ? "" : url[(comma + 1)..];
        if (!isBase64 || data.Length == 0 || !Base64.IsValid(data))
        {
            throw BedrockMappingErrors.Invalid(
                "The image data: URL must be base64-encoded (data:image/png;base64,...).", param, "invalid_image_url");
        }

        var format = mediaType switch
        {
            "image/png" => "png",
            "image/jpeg" or "image/jpg" => "jpeg",
            "image/gif" => "gif",
            "image/webp" => "webp",
            _ => throw BedrockMappingErrors.Invalid(
                $"Bedrock accepts png, jpeg, gif and webp images, not '{mediaType}'.", param, "invalid_image_format"),
        };

        return new ImageBlock { Format = format, Source = new ImageSource { Bytes = data } };
    }

    private static Resilience.JunctionException UnsupportedPart(ContentPart part, int i, int j, string rule) =>
        BedrockMappingErrors.Invalid(
            $"The content part type '{part.Type}' in messages[{i}] is not supported by Bedrock deployments: {rule}.",
            $"messages[{i}].content[{j}].type", BedrockMappingErrors.UnsupportedContentCode);

    private static void AddText(List<string> texts, string? text)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            texts.Add(text);
        }
    }

    private static void AddTextBlock(List<ContentBlock> blocks, string? text)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            blocks.Add(new ContentBlock { Text = text });
        }
    }

    private static void AddToolText(List<ToolResultContentBlock> content, string? text)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            content.Add(new ToolResultContentBlock { Text = text });
        }
    }
}
