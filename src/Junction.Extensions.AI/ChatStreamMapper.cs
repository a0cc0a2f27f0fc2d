using System.Text;
using Microsoft.Extensions.AI;
using Wire = Junction.Protocol.OpenAI;

namespace Junction.Extensions.AI;

/// <summary>
/// Maps one stream's chunks to <see cref="ChatResponseUpdate"/>s: text as it arrives, the usage chunk as
/// <see cref="UsageContent"/>, and tool calls assembled from their fragments (by index) and emitted whole when the
/// choice finishes (or, if it never says so, at <see cref="Flush"/>). One instance per stream; only choice 0 is mapped.
/// </summary>
internal sealed class ChatStreamMapper
{
    private readonly SortedDictionary<int, PendingCall> _calls = [];
    private string? _responseId;
    private string? _modelId;
    private DateTimeOffset? _createdAt;

    public ChatResponseUpdate Map(Wire.ChatCompletionChunk chunk)
    {
        _responseId = chunk.Id;
        _modelId = chunk.Model;
        _createdAt = ChatResponseMapper.FromUnixSeconds(chunk.Created) ?? _createdAt;
        var update = NewUpdate();
        update.RawRepresentation = chunk;
        foreach (var choice in chunk.Choices)
        {
            if (choice.Index != 0)
            {
                continue;
            }

            var delta = choice.Delta;
            if (delta.Role is { Length: > 0 } role)
            {
                update.Role = new ChatRole(role);
            }

            if (!string.IsNullOrEmpty(delta.Content))
            {
                update.Contents.Add(new TextContent(delta.Content));
            }

            if (!string.IsNullOrEmpty(delta.Refusal))
            {
                update.Contents.Add(new ErrorContent(delta.Refusal) { ErrorCode = "refusal" });
            }

            foreach (var fragment in delta.ToolCalls ?? [])
            {
                Accumulate(fragment);
            }

            if (choice.FinishReason is { } reason)
            {
                update.FinishReason = ChatResponseMapper.ToFinishReason(reason);
                DrainCalls(update.Contents);
            }
        }

        if (chunk.Usage is { } usage)
        {
            update.Contents.Add(new UsageContent(ChatResponseMapper.ToUsageDetails(usage)));
        }

        return update;
    }

    /// <summary>An update with tool calls the stream never finished, or null when there are none.</summary>
    public ChatResponseUpdate? Flush()
    {
        if (_calls.Count == 0)
        {
            return null;
        }

        var update = NewUpdate();
        DrainCalls(update.Contents);
        return update;
    }

    /// <summary>An update with no content that carries the given properties (Junction's facts about the request).</summary>
    public ChatResponseUpdate Final(AdditionalPropertiesDictionary properties)
    {
        var update = NewUpdate();
        update.AdditionalProperties = properties;
        return update;
    }

    private ChatResponseUpdate NewUpdate() => new()
    {
        Role = ChatRole.Assistant,
        ResponseId = _responseId,
        MessageId = _responseId,
        ModelId = _modelId,
        CreatedAt = _createdAt,
    };

    private void Accumulate(Wire.ToolCall fragment)
    {
        var index = fragment.Index ?? 0;
        if (!_calls.TryGetValue(index, out var call))
        {
            call = new PendingCall();
            _calls[index] = call;
        }

        call.Id ??= fragment.Id;
        call.Name ??= fragment.Function?.Name;
        call.Arguments.Append(fragment.Function?.Arguments);
    }

    private void DrainCalls(IList<AIContent> contents)
    {
        foreach (var call in _calls.Values)
        {
            contents.Add(ChatResponseMapper.ToFunctionCall(call.Id ?? "", call.Name ?? "", call.Arguments.ToString()));
        }

        _calls.Clear();
    }

    private sealed class PendingCall
    {
        public string? Id { get; set; }
        public string? Name { get; set; }
        public StringBuilder Arguments { get; } = new();
    }
}
