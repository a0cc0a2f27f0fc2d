using System.Text.Json;
using Junction.Protocol.OpenAI;
using Junction.Resilience;

namespace Junction.Providers.Bedrock;

/// <summary>
/// ConverseStream events → OpenAI chunks (PROTOCOLS §3.6, §5.6). One instance per stream; all state is in fields.
/// Every chunk carries the id, created and model given to the constructor.
/// <list type="bullet">
/// <item><c>messageStart</c> → <c>{role:"assistant",content:""}</c>, sent once. Any later event arriving first
/// (e.g. a text delta) sends this role chunk before its own.</item>
/// <item>text deltas → <c>delta.content</c>; a text block needs no <c>contentBlockStart</c>.</item>
/// <item><c>contentBlockStart.start.toolUse</c> → the next OpenAI tool index (counted over tool blocks only) and
/// <c>{index,id,type:"function",function:{name,arguments:""}}</c>; <c>toolUse.input</c> deltas →
/// <c>{index,function:{arguments}}</c>. A tool delta with no start gets an index at its first fragment.</item>
/// <item>reasoning text deltas → non-standard <c>delta.reasoning_content</c>; signatures and redacted reasoning are
/// dropped (an OpenAI client cannot send them back).</item>
/// <item><c>messageStop</c> → empty delta with the mapped <c>finish_reason</c>; <c>metadata</c> (after messageStop)
/// → a usage-only chunk (<c>choices: []</c>). Whether the client gets it (<c>include_usage</c>) is the edge's call.</item>
/// <item>exception / error frames → <see cref="JunctionException"/> from <see cref="BedrockErrorMapper"/>.
/// Unknown event types and members (e.g. the <c>p</c> padding) are ignored.</item>
/// </list>
/// </summary>
internal sealed class BedrockStreamMapper
{
    private readonly string _id;
    private readonly long _created;
    private readonly string _model;
    private readonly string _deployment;
    private readonly string? _upstreamRequestId;
    private readonly Dictionary<int, int> _toolIndexByBlock = [];
    private bool _roleSent;

    public BedrockStreamMapper(string id, long created, string model, string deployment, string? upstreamRequestId = null)
    {
        _id = id;
        _created = created;
        _model = model;
        _deployment = deployment;
        _upstreamRequestId = upstreamRequestId;
    }

    /// <summary>The mapped finish reason once <c>messageStop</c> has arrived.</summary>
    public string? FinishReason { get; private set; }

    /// <summary>The usage from the <c>metadata</c> event, once it has arrived.</summary>
    public Usage? Usage { get; private set; }

    /// <summary>Maps one decoded frame; exception and error frames throw <see cref="JunctionException"/>.</summary>
    public IReadOnlyList<ChatCompletionChunk> OnMessage(EventStreamMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.MessageType switch
        {
            EventStreamHeaderNames.MessageTypeException => throw new JunctionException(BedrockErrorMapper.FromStreamException(
                message.ExceptionType ?? "", message.Payload.Span, _upstreamRequestId, _deployment)),
            EventStreamHeaderNames.MessageTypeError => throw new JunctionException(BedrockErrorMapper.FromStreamError(
                message.ErrorCode, message.ErrorMessage, _upstreamRequestId, _deployment)),
            _ => OnEvent(message.EventType, message.Payload.Span),
        };
    }

    /// <summary>Maps one event by its <c>:event-type</c> and JSON payload; unknown types give no chunks.</summary>
    public IReadOnlyList<ChatCompletionChunk> OnEvent(string? eventType, ReadOnlySpan<byte> jsonPayload)
    {
        var chunks = new List<ChatCompletionChunk>(2);
        try
        {
            switch (eventType)
            {
                case "messageStart":
                    EnsureRole(chunks);
                    break;
                case "contentBlockStart":
                    OnBlockStart(JsonSerializer.Deserialize(jsonPayload, BedrockJsonContext.Default.ContentBlockStartEvent), chunks);
                    break;
                case "contentBlockDelta":
                    OnBlockDelta(JsonSerializer.Deserialize(jsonPayload, BedrockJsonContext.Default.ContentBlockDeltaEvent), chunks);
                    break;
                case "messageStop":
                    OnMessageStop(JsonSerializer.Deserialize(jsonPayload, BedrockJsonContext.Default.MessageStopEvent), chunks);
                    break;
                case "metadata":
                    OnMetadata(JsonSerializer.Deserialize(jsonPayload, BedrockJsonContext.Default.ConverseStreamMetadataEvent), chunks);
                    break;
            }
        }
        catch (JsonException ex)
        {
            throw new JunctionException(
                JunctionErrors.UpstreamInvalidResponse(BedrockErrorMapper.ProviderName, _deployment, $"unreadable {eventType} event: {ex.Message}")
                    with { UpstreamRequestId = _upstreamRequestId },
                ex);
        }

        return chunks;
    }

    private void OnBlockStart(ContentBlockStartEvent? start, List<ChatCompletionChunk> chunks)
    {
        if (start?.Start?.ToolUse is not { } toolUse)
        {
            return;
        }

        EnsureRole(chunks);
        var index = AllocateToolIndex(start.ContentBlockIndex);
        chunks.Add(Chunk(new ChatDelta
        {
            ToolCalls =
            [
                new ToolCall
                {
                    Index = index,
                    Id = toolUse.ToolUseId,
                    Type = "function",
                    Function = new FunctionCall { Name = toolUse.Name, Arguments = "" },
                },
            ],
        }));
    }

    private void OnBlockDelta(ContentBlockDeltaEvent? delta, List<ChatCompletionChunk> chunks)
    {
        switch (delta?.Delta)
        {
            case { Text: { Length: > 0 } text }:
                EnsureRole(chunks);
                chunks.Add(Chunk(new ChatDelta { Content = text }));
                break;
            case { ToolUse.Input: { } input }:
                EnsureRole(chunks);
                var known = _toolIndexByBlock.TryGetValue(delta.ContentBlockIndex, out var index);
                if (!known)
                {
                    index = AllocateToolIndex(delta.ContentBlockIndex);
                }

                chunks.Add(Chunk(new ChatDelta
                {
                    ToolCalls = [new ToolCall { Index = index, Type = known ? null : "function", Function = new FunctionCall { Arguments = input } }],
                }));
                break;
            case { ReasoningContent.Text: { Length: > 0 } reasoning }:
                EnsureRole(chunks);
                chunks.Add(Chunk(new ChatDelta
                {
                    Extra = new() { [BedrockChatMapper.ReasoningContentField] = JsonSerializer.SerializeToElement(reasoning, BedrockJsonContext.Default.String) },
                }));
                break;
        }
    }

    private void OnMessageStop(MessageStopEvent? stop, List<ChatCompletionChunk> chunks)
    {
        EnsureRole(chunks);
        FinishReason = BedrockChatMapper.FromStopReason(stop?.StopReason);
        var chunk = Chunk(new ChatDelta());
        chunk.Choices[0].FinishReason = FinishReason;
        if (BedrockChatMapper.KeepsOriginalStopReason(stop?.StopReason))
        {
            chunk.Choices[0].Extra = new()
            {
                [BedrockChatMapper.BedrockStopReasonField] = JsonSerializer.SerializeToElement(stop!.StopReason!, BedrockJsonContext.Default.String),
            };
        }

        chunks.Add(chunk);
    }

    private void OnMetadata(ConverseStreamMetadataEvent? metadata, List<ChatCompletionChunk> chunks)
    {
        if (metadata?.Usage is not { } usage)
        {
            return;
        }

        Usage = BedrockChatMapper.FromUsage(usage);
        chunks.Add(new ChatCompletionChunk { Id = _id, Created = _created, Model = _model, Choices = [], Usage = Usage });
    }

    private int AllocateToolIndex(int blockIndex)
    {
        if (!_toolIndexByBlock.TryGetValue(blockIndex, out var index))
        {
            index = _toolIndexByBlock.Count;
            _toolIndexByBlock[blockIndex] = index;
        }

        return index;
    }

    private void EnsureRole(List<ChatCompletionChunk> chunks)
    {
        if (!_roleSent)
        {
            _roleSent = true;
            chunks.Add(Chunk(new ChatDelta { Role = "assistant", Content = "" }));
        }
    }

    private ChatCompletionChunk Chunk(ChatDelta delta) => new()
    {
        Id = _id,
        Created = _created,
        Model = _model,
        Choices = [new ChunkChoice { Index = 0, Delta = delta }],
    };
}
