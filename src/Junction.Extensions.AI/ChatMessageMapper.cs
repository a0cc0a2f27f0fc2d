using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Wire = Junction.Protocol.OpenAI;

namespace Junction.Extensions.AI;

/// <summary>
/// Pure mapping of M.E.AI chat messages to OpenAI wire messages: text, images and other data as content parts,
/// <see cref="FunctionCallContent"/> as assistant <c>tool_calls</c>, and each <see cref="FunctionResultContent"/> as a
/// <c>tool</c> message.
/// </summary>
internal static class ChatMessageMapper
{
    public static List<Wire.ChatMessage> ToWireMessages(IEnumerable<ChatMessage> messages, string? instructions)
    {
        var wire = new List<Wire.ChatMessage>();
        if (!string.IsNullOrEmpty(instructions))
        {
            wire.Add(new Wire.ChatMessage { Role = "system", Content = new Wire.MessageContent(instructions) });
        }

        foreach (var message in messages)
        {
            AddMessage(wire, message);
        }

        return wire;
    }

    private static void AddMessage(List<Wire.ChatMessage> wire, ChatMessage message)
    {
        var parts = new List<Wire.ContentPart>();
        var text = new StringBuilder();
        var allText = true;
        List<Wire.ToolCall>? toolCalls = null;
        foreach (var content in message.Contents)
        {
            switch (content)
            {
                case TextContent t:
                    text.Append(t.Text);
                    parts.Add(new Wire.ContentPart { Type = "text", Text = t.Text });
                    break;
                case FunctionCallContent call:
                    (toolCalls ??= []).Add(ToToolCall(call));
                    break;
                case FunctionResultContent result:
                    wire.Add(new Wire.ChatMessage { Role = "tool", ToolCallId = result.CallId, Content = new Wire.MessageContent(ToResultText(result)) });
                    break;
                case DataContent data when ToDataPart(data) is { } part:
                    allText = false;
                    parts.Add(part);
                    break;
                case UriContent uri when uri.HasTopLevelMediaType("image"):
                    allText = false;
                    parts.Add(ImagePart(uri.Uri.ToString()));
                    break;
            }
        }

        if (parts.Count == 0 && toolCalls is null)
        {
            // A message of tool results only, or of nothing Junction can send (reasoning, hosted files).
            return;
        }

        wire.Add(new Wire.ChatMessage
        {
            Role = message.Role.Value,
            Name = message.AuthorName,
            Content = parts.Count == 0 ? null : allText ? new Wire.MessageContent(text.ToString()) : new Wire.MessageContent(parts),
            ToolCalls = toolCalls,
        });
    }

    public static Wire.ToolCall ToToolCall(FunctionCallContent call) => new()
    {
        Id = call.CallId,
        Type = "function",
        Function = new Wire.FunctionCall
        {
            Name = call.Name,
            Arguments = JsonObjects.Compact(call.Arguments ?? new Dictionary<string, object?>(), typeof(IDictionary<string, object?>)),
        },
    };

    public static string ToResultText(FunctionResultContent result) => result.Result switch
    {
        null => result.Exception is { } ex ? "Error: " + ex.Message : "",
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } s => s.GetString()!,
        var value => JsonObjects.Compact(value, typeof(object)),
    };

    /// <summary>Images as <c>image_url</c> data: URLs, wav/mp3 as <c>input_audio</c>, other files as <c>file</c> parts.</summary>
    private static Wire.ContentPart? ToDataPart(DataContent data)
    {
        if (data.HasTopLevelMediaType("image"))
        {
            return ImagePart(data.Uri);
        }

        if (data.HasTopLevelMediaType("audio"))
        {
            var format = data.MediaType switch
            {
                "audio/wav" or "audio/x-wav" or "audio/wave" => "wav",
                "audio/mpeg" or "audio/mp3" => "mp3",
                _ => null,
            };
            return format is null ? null : ExtraPart("input_audio", writer =>
            {
                writer.WriteString("data"u8, Convert.ToBase64String(data.Data.Span));
                writer.WriteString("format"u8, format);
            });
        }

        return ExtraPart("file", writer =>
        {
            if (data.Name is { } name)
            {
                writer.WriteString("filename"u8, name);
            }

            writer.WriteString("file_data"u8, data.Uri);
        });
    }

    private static Wire.ContentPart ImagePart(string url) =>
        new() { Type = "image_url", ImageUrl = new Wire.ImageUrl { Url = url } };

    private static Wire.ContentPart ExtraPart(string type, Action<Utf8JsonWriter> writeBody) =>
        new() { Type = type, Extra = new Dictionary<string, JsonElement> { [type] = JsonObjects.Write(writeBody) } };
}
