using System.Text;
using Junction.Protocol.OpenAI;

namespace Junction.Streaming;

/// <summary>
/// Rebuilds the answer a chat stream carried (first choice: text, tool calls by index, finish reason, usage), for
/// consumers that need the whole answer — recordings, shadow comparisons — without holding every chunk.
/// </summary>
public sealed class ChatStreamAssembler
{
    private readonly StringBuilder _text = new();
    private readonly SortedDictionary<int, (string? Id, string? Name, StringBuilder Arguments)> _tools = [];
    private string? _id;
    private string? _model;
    private long _created;
    private string? _finishReason;
    private Usage? _usage;

    public void Add(ChatCompletionChunk chunk)
    {
        _id ??= chunk.Id;
        _model ??= chunk.Model;
        _created = _created == 0 ? chunk.Created : _created;
        _usage = chunk.Usage ?? _usage;
        foreach (var choice in chunk.Choices)
        {
            if (choice.Index != 0)
            {
                continue;
            }

            _text.Append(choice.Delta.Content);
            _finishReason = choice.FinishReason ?? _finishReason;
            foreach (var call in choice.Delta.ToolCalls ?? [])
            {
                var index = call.Index ?? 0;
                if (!_tools.TryGetValue(index, out var tool))
                {
                    tool = (null, null, new StringBuilder());
                }

                tool = (tool.Id ?? call.Id, tool.Name ?? call.Function?.Name, tool.Arguments.Append(call.Function?.Arguments));
                _tools[index] = tool;
            }
        }
    }

    /// <summary>The assembled answer as a non-streamed completion.</summary>
    public ChatCompletionResponse ToResponse() => new()
    {
        Id = _id ?? "",
        Created = _created,
        Model = _model ?? "",
        Usage = _usage,
        Choices =
        [
            new ChatChoice
            {
                Index = 0,
                FinishReason = _finishReason,
                Message = new ChatResponseMessage
                {
                    Content = _tools.Count > 0 && _text.Length == 0 ? null : _text.ToString(),
                    ToolCalls = _tools.Count == 0 ? null : [.. _tools.Values.Select(t => new ToolCall
                    {
                        Id = t.Id,
                        Type = "function",
                        Function = new FunctionCall { Name = t.Name, Arguments = t.Arguments.ToString() },
                    })],
                },
            },
        ],
    };
}
