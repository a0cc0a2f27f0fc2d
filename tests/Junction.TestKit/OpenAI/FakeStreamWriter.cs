using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;

namespace Junction.TestKit.OpenAI;

/// <summary>
/// Writes <c>data: &lt;json&gt;\n\n</c> events straight into the response pipe, flushing each one, pausing
/// <see cref="FakeOpenAIOptions.StreamChunkDelayMs"/> between them, and applying the stream failures
/// (<c>ResetMidStream</c>, <c>ErrorInStream</c>) once the scripted number of events is out.
/// </summary>
internal sealed class FakeStreamWriter
{
    private readonly FakeExchange _exchange;
    private readonly PipeWriter _pipe;
    private readonly FakeBehavior _behavior;
    private int _events;

    public FakeStreamWriter(FakeExchange exchange)
    {
        _exchange = exchange;
        _pipe = exchange.Response.BodyWriter;
        _behavior = exchange.Behavior;
    }

    private static ReadOnlySpan<byte> DataPrefix => "data: "u8;

    private static ReadOnlySpan<byte> EventEnd => "\n\n"u8;

    private static ReadOnlySpan<byte> DoneEvent => "data: [DONE]\n\n"u8;

    private bool FailsHere =>
        _behavior.Kind is FakeBehaviorKind.ResetMidStream or FakeBehaviorKind.ErrorInStream && _events >= _behavior.AfterChunks;

    /// <summary>Sends the head (200, <c>text/event-stream</c>). Returns false when the stream must stop here.</summary>
    public async ValueTask<bool> StartAsync()
    {
        _exchange.SetHead(200, "text/event-stream; charset=utf-8");
        _exchange.Response.Headers.CacheControl = "no-cache";
        await _exchange.Response.StartAsync(_exchange.Aborted);
        await _pipe.FlushAsync(_exchange.Aborted);
        if (_behavior.Kind == FakeBehaviorKind.SlowFirstByte)
        {
            await _exchange.PauseAsync(_behavior.Wait);
        }

        return !await FailIfDueAsync();
    }

    /// <summary>Writes the <c>data: </c> prefix and returns a JSON writer for the event's payload.</summary>
    public Utf8JsonWriter BeginEvent()
    {
        _pipe.Write(DataPrefix);
        return _exchange.Json(_pipe);
    }

    /// <summary>Ends and flushes the event. Returns false when the stream must stop (client gone or scripted failure).</summary>
    public async ValueTask<bool> EndEventAsync(Utf8JsonWriter json)
    {
        json.Flush();
        _pipe.Write(EventEnd);
        FlushResult flushed = await _pipe.FlushAsync(_exchange.Aborted);
        _events++;
        if (flushed.IsCompleted || flushed.IsCanceled || _exchange.Aborted.IsCancellationRequested)
        {
            return false;
        }

        if (await FailIfDueAsync())
        {
            return false;
        }

        int delay = _exchange.Options.StreamChunkDelayMs;
        if (delay > 0)
        {
            await Task.Delay(delay, _exchange.Aborted);
        }

        return true;
    }

    /// <summary>Ends the stream with <c>data: [DONE]</c>, unless a scripted failure is still pending: it happens now instead.</summary>
    public async ValueTask CompleteAsync()
    {
        if (_behavior.Kind is FakeBehaviorKind.ResetMidStream or FakeBehaviorKind.ErrorInStream)
        {
            _events = int.MaxValue;
            await FailIfDueAsync();
            return;
        }

        _pipe.Write(DoneEvent);
        await _pipe.FlushAsync(_exchange.Aborted);
    }

    private async ValueTask<bool> FailIfDueAsync()
    {
        if (!FailsHere)
        {
            return false;
        }

        if (_behavior.Kind == FakeBehaviorKind.ResetMidStream)
        {
            _exchange.ResetAfterFlushed();
        }

        _pipe.Write(DataPrefix);
        Utf8JsonWriter json = _exchange.Json(_pipe);
        FakeJson.WriteError(json, FakeApiError.ServerError);
        json.Flush();
        _pipe.Write(EventEnd);
        await _pipe.FlushAsync(_exchange.Aborted);
        return true;
    }
}
