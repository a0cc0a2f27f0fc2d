using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Junction.Spend;

/// <summary>
/// Writes the spend log off the request path. <see cref="OnRequestCompleted"/> only turns the request into a
/// <see cref="SpendRecord"/> and queues it (a bounded channel, never waiting); one loop takes up to
/// <see cref="SpendLogOptions.BatchSize"/> rows or what arrived within <see cref="SpendLogOptions.FlushInterval"/>, appends
/// them to the outbox (fsync), then inserts everything pending in the database. A failed insert is retried with
/// backoff and counted; rows wait in memory (bounded) and in the outbox meanwhile. <see cref="StopAsync"/> drains the
/// queue; whatever the database still refuses then stays in the outbox and is replayed at the next start.
/// </summary>
public sealed partial class SpendLogWriter : IRequestObserver, ISpendSink, IAsyncDisposable
{
    private readonly ISpendStore _store;
    private readonly SpendLogOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Channel<SpendRecord> _channel;
    private readonly CancellationTokenSource _abort = new();
    private SpendOutbox? _outbox;
    private Task? _loop;
    private long _accepted;
    private long _written;
    private long _retried;
    private long _failedWrites;
    private long _dropped;
    private long _pending;
    private long _replayed;
    private int _droppedLogged;

    public SpendLogWriter(ISpendStore store, SpendLogOptions options, TimeProvider timeProvider, ILogger<SpendLogWriter> logger)
    {
        _store = store;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        _channel = Channel.CreateBounded<SpendRecord>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Rows taken from requests.</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Rows inserted (replayed outbox rows included).</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Row writes that failed and were kept for a retry (a row retried three times counts three).</summary>
    public long Retried => Interlocked.Read(ref _retried);

    /// <summary>Batch inserts that failed.</summary>
    public long FailedWrites => Interlocked.Read(ref _failedWrites);

    /// <summary>Rows refused because the queue was full (each one logged).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Rows queued or waiting for the database.</summary>
    public long Pending => Interlocked.Read(ref _pending);

    /// <summary>Rows found in the outbox at startup.</summary>
    public long Replayed => Interlocked.Read(ref _replayed);

    /// <summary>Opens the outbox, queues its rows for replay, and starts the loop. Never waits on the database.</summary>
    public void Start()
    {
        if (_loop is not null)
        {
            return;
        }

        List<SpendRecord> replay = [];
        if (_options.OutboxPath is { } path)
        {
            _outbox = new SpendOutbox(path);
            replay = _outbox.ReadAll();
            Interlocked.Add(ref _replayed, replay.Count);
            Interlocked.Add(ref _pending, replay.Count);
            if (replay.Count > 0)
            {
                Log.Replaying(_logger, replay.Count, _outbox.Path);
            }
        }

        _loop = Task.Run(() => RunAsync(replay));
    }

    public void OnRequestCompleted(RequestCompleted request) => TryAdd(SpendRecords.From(request, _options.StoreContent));

    public bool TryAdd(SpendRecord record)
    {
        Interlocked.Increment(ref _pending);
        if (_channel.Writer.TryWrite(record))
        {
            Interlocked.Increment(ref _accepted);
            return true;
        }

        Interlocked.Decrement(ref _pending);
        Interlocked.Increment(ref _dropped);
        if (Interlocked.Exchange(ref _droppedLogged, 1) == 0)
        {
            Log.Dropped(_logger, record.RequestId, _options.QueueCapacity);
        }

        return false;
    }

    /// <summary>Waits until every row queued so far is in the database (tests and the CLI).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        while (Pending > 0 && _loop is { IsCompleted: false })
        {
            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Stops taking rows, writes everything queued, and returns once it is in the database, or when
    /// <paramref name="cancellationToken"/> ends the wait (the host's shutdown timeout): rows still unwritten then are in
    /// the outbox and replayed at the next start.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _channel.Writer.TryComplete();
        if (_loop is null)
        {
            return;
        }

        using (cancellationToken.Register(static s => ((CancellationTokenSource)s!).Cancel(), _abort))
        {
            try
            {
                await _loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Gave up waiting for the database; the outbox keeps the rest.
            }
        }

        if (Pending > 0)
        {
            Log.LeftInOutbox(_logger, Pending, _outbox?.Path ?? "(no outbox: rows lost)");
        }
    }

    /// <summary>Abandons the writer as a hard kill would (tests): nothing more is written, the outbox is closed as it is.</summary>
    public async Task AbandonAsync()
    {
        await _abort.CancelAsync().ConfigureAwait(false);
        _channel.Writer.TryComplete();
        if (_loop is not null)
        {
            try
            {
                await _loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        _outbox?.Dispose();
        _outbox = null;
    }

    private async Task RunAsync(List<SpendRecord> pending)
    {
        var reader = _channel.Reader;
        var stop = _abort.Token;
        var spilled = false;
        var writtenSinceTruncate = 0L;
        var backoff = _options.RetryMin;
        while (true)
        {
            if (pending.Count == 0 && !await reader.WaitToReadAsync(stop).ConfigureAwait(false))
            {
                break;
            }

            var batch = await GatherAsync(reader, stop).ConfigureAwait(false);
            if (batch.Count > 0)
            {
                var durable = AppendToOutbox(batch);
                var room = Math.Max(0, _options.MaxPendingInMemory - pending.Count);
                if (room >= batch.Count || !durable)
                {
                    pending.AddRange(batch);
                }
                else
                {
                    // Beyond the memory bound the rows wait in the outbox only; it is read back once the backlog is written.
                    pending.AddRange(batch.Take(room));
                    spilled = true;
                }
            }

            if (pending.Count == 0)
            {
                continue;
            }

            var before = pending.Count;
            var ok = await TryWriteAsync(pending, stop).ConfigureAwait(false);
            writtenSinceTruncate += before - pending.Count;
            if (ok)
            {
                backoff = _options.RetryMin;
                if (spilled && _outbox is not null)
                {
                    // The rows in memory were the first ones appended since the last truncation; the rest follow them.
                    spilled = false;
                    pending = [.. _outbox.ReadAll().Skip((int)Math.Min(writtenSinceTruncate, int.MaxValue))];
                    continue;
                }

                TruncateOutbox();
                writtenSinceTruncate = 0;
                continue;
            }

            await Task.Delay(backoff, _timeProvider, stop).ConfigureAwait(false);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.RetryMax.Ticks));
        }
    }

    private async Task<List<SpendRecord>> GatherAsync(ChannelReader<SpendRecord> reader, CancellationToken stop)
    {
        var batch = new List<SpendRecord>();
        Drain(reader, batch);
        if (batch.Count == 0 || batch.Count >= _options.BatchSize || reader.Completion.IsCompleted)
        {
            return batch;
        }

        using var window = CancellationTokenSource.CreateLinkedTokenSource(stop);
        window.CancelAfter(_options.FlushInterval);
        try
        {
            while (batch.Count < _options.BatchSize && await reader.WaitToReadAsync(window.Token).ConfigureAwait(false))
            {
                Drain(reader, batch);
            }
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            // The flush interval is up: write what there is.
        }

        return batch;
    }

    private void Drain(ChannelReader<SpendRecord> reader, List<SpendRecord> batch)
    {
        while (batch.Count < _options.BatchSize && reader.TryRead(out var row))
        {
            batch.Add(row);
        }
    }

    /// <summary>Appends a batch to the outbox; false when there is no outbox or it could not be written (rows then stay in memory).</summary>
    private bool AppendToOutbox(List<SpendRecord> batch)
    {
        if (_outbox is null)
        {
            return false;
        }

        try
        {
            _outbox.Append(batch);
            return true;
        }
        catch (IOException ex)
        {
            Log.OutboxFailed(_logger, ex, _outbox.Path);
            return false;
        }
    }

    private void TruncateOutbox()
    {
        try
        {
            _outbox?.Truncate();
        }
        catch (IOException ex)
        {
            Log.OutboxFailed(_logger, ex, _outbox!.Path);
        }
    }

    /// <summary>Inserts pending rows a batch at a time, removing each batch once stored; false at the first failure.</summary>
    private async Task<bool> TryWriteAsync(List<SpendRecord> pending, CancellationToken stop)
    {
        while (pending.Count > 0)
        {
            var count = Math.Min(pending.Count, _options.BatchSize);
            var chunk = pending.GetRange(0, count);
            try
            {
                await _store.InsertAsync(chunk, stop).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stop.IsCancellationRequested)
            {
                Interlocked.Increment(ref _failedWrites);
                Interlocked.Add(ref _retried, pending.Count);
                Log.WriteFailed(_logger, ex, pending.Count);
                return false;
            }

            pending.RemoveRange(0, count);
            Interlocked.Add(ref _written, count);
            Interlocked.Add(ref _pending, -count);
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _outbox?.Dispose();
        _abort.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Writing {Count} spend row(s) failed; they are kept and retried", EventName = "SpendWriteFailed")]
        public static partial void WriteFailed(ILogger logger, Exception exception, int count);

        [LoggerMessage(2, LogLevel.Error, "The spend queue is full ({Capacity} rows): the row of request {RequestId} is dropped and counted; later drops are only counted",
            EventName = "SpendRowDropped")]
        public static partial void Dropped(ILogger logger, string requestId, int capacity);

        [LoggerMessage(3, LogLevel.Information, "Replaying {Count} spend row(s) from the outbox {Path}", EventName = "SpendOutboxReplay")]
        public static partial void Replaying(ILogger logger, int count, string path);

        [LoggerMessage(4, LogLevel.Error, "The spend outbox {Path} could not be written", EventName = "SpendOutboxFailed")]
        public static partial void OutboxFailed(ILogger logger, Exception exception, string path);

        [LoggerMessage(5, LogLevel.Warning, "Stopped with {Count} spend row(s) not yet in the database; they stay in {Path} for the next start",
            EventName = "SpendLeftInOutbox")]
        public static partial void LeftInOutbox(ILogger logger, long count, string path);
    }
}
