using System.Text;
using System.Text.Json.Serialization;

namespace Junction.Protocol.OpenAI;

/// <summary>A message's <c>content</c>: either a plain string or an array of typed parts.</summary>
[JsonConverter(typeof(MessageContentConverter))]
public sealed class MessageContent
{
    public MessageContent(string text) => Text = text;

    public MessageContent(List<ContentPart> parts) => Parts = parts;

    /// <summary>The content when it was sent as a string.</summary>
    public string? Text { get; }

    /// <summary>The content when it was sent as an array of parts.</summary>
    public List<ContentPart>? Parts { get; }

    /// <summary>The text of the content: the string itself, or the text parts joined with newlines.</summary>
    public string GetText()
    {
        if (Text is not null)
        {
            return Text;
        }

        var builder = new StringBuilder();
        foreach (var part in Parts!)
        {
            if (part.Text is { } text)
            {
                if (builder.Length > 0)
                {
                    builder.Append('\n');
                }

                builder.Append(text);
            }
        }

        return builder.ToString();
    }
}
