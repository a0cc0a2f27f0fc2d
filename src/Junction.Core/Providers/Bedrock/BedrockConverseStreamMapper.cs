using System.Text.Json;
using Junction.Protocol.OpenAI;

namespace Junction.Providers.Bedrock;

/// <summary>
/// OpenAI chat chunks → ConverseStream events, for the Bedrock-native inbound surface when the target is not a Bedrock
/// deployment (the reverse of <see cref="BedrockStreamMapper"/>). One instance per stream; state lives in fields.
/// <c>messageStart</c> first; text deltas open a text block (no <c>contentBlockStart</c>, as Bedrock does); each new
/// tool call closes the open block and opens a tool block with <c>contentBlockStart.start.toolUse</c>, its argument
/// fragments become <c>toolUse.input</c> deltas; <see cref="Finish"/> closes the open block and sends
/// <c>messageStop</c> and then <c>metadata</c> (usage, latency), in Bedrock's order.
/// </summary>
internal sealed class BedrockConverseStreamMapper
{
    private readonly Dictionary<int, int> _blockByToolIndex = [];
    private bool _started;
    private int _openBlock = -1;
    private bool _openIsText;
    private int _nextBlock;
    private string? _finishReason;
    private Usage? _usage;

    /// <summary>The events for one chunk (zero or more), as (<c>:event-type</c>, JSON payload).</summary>
    public IReadOnlyList<(string EventType, byte[] Payload)> OnChunk(ChatCompletionChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var events = new List<(string, byte[])>(2);
        Start(events);
        _usage = chunk.Usage ?? _usage;
        if (chunk.Choices.Count == 0)
        {
            return events;
        }

        var choice = chunk.Choices[0];
        if (choice.Delta.Content is { Length: > 0 } text)
        {
            if (!_openIsText || _openBlock < 0)
            {
                Open(events, isText: true);
            }

            events.Add(("contentBlockDelta", Serialize(new ContentBlockDeltaEvent { ContentBlockIndex = _openBlock, Delta = new ContentBlockDelta { Text = text } },
                BedrockJsonContext.Default.ContentBlockDeltaEvent)));
        }

        foreach (var call in choice.Delta.ToolCalls ?? [])
        {
            var toolIndex = call.Index ?? 0;
            if (!_blockByToolIndex.TryGetValue(toolIndex, out var block))
            {
                block = Open(events, isText: false);
                _blockByToolIndex[toolIndex] = block;
                events.Add(("contentBlockStart", Serialize(new ContentBlockStartEvent
                {
                    ContentBlockIndex = block,
                    Start = new ContentBlockStart { ToolUse = new ToolUseBlockStart { ToolUseId = call.Id ?? "", Name = call.Function?.Name ?? "" } },
                }, BedrockJsonContext.Default.ContentBlockStartEvent)));
            }

            if (call.Function?.Arguments is { Length: > 0 } arguments)
            {
                events.Add(("contentBlockDelta", Serialize(new ContentBlockDeltaEvent
                {
                    ContentBlockIndex = block,
                    Delta = new ContentBlockDelta { ToolUse = new ToolUseBlockDelta { Input = arguments } },
                }, BedrockJsonContext.Default.ContentBlockDeltaEvent)));
            }
        }

        _finishReason = choice.FinishReason ?? _finishReason;
        return events;
    }

    /// <summary>The closing events: the open block's <c>contentBlockStop</c>, <c>messageStop</c>, then <c>metadata</c>.</summary>
    public IReadOnlyList<(string EventType, byte[] Payload)> Finish(long latencyMs)
    {
        var events = new List<(string, byte[])>(4);
        Start(events);
        Close(events);
        events.Add(("messageStop", Serialize(new MessageStopEvent { StopReason = BedrockConverseMapper.ToStopReason(_finishReason) },
            BedrockJsonContext.Default.MessageStopEvent)));
        events.Add(("metadata", Serialize(new ConverseStreamMetadataEvent
        {
            Usage = BedrockConverseMapper.ToUsage(_usage),
            Metrics = new ConverseMetrics { LatencyMs = latencyMs },
        }, BedrockJsonContext.Default.ConverseStreamMetadataEvent)));
        return events;
    }

    private void Start(List<(string, byte[])> events)
    {
        if (!_started)
        {
            _started = true;
            events.Add(("messageStart", Serialize(new MessageStartEvent { Role = "assistant" }, BedrockJsonContext.Default.MessageStartEvent)));
        }
    }

    private int Open(List<(string, byte[])> events, bool isText)
    {
        Close(events);
        _openBlock = _nextBlock++;
        _openIsText = isText;
        return _openBlock;
    }

    private void Close(List<(string, byte[])> events)
    {
        if (_openBlock >= 0)
        {
            events.Add(("contentBlockStop", Serialize(new ContentBlockStopEvent { ContentBlockIndex = _openBlock }, BedrockJsonContext.Default.ContentBlockStopEvent)));
            _openBlock = -1;
        }
    }

    private static byte[] Serialize<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo) =>
        JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
}
