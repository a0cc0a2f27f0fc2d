using System.Threading.Channels;
using Junction.Routing;

namespace Junction.Migration;

/// <summary>
/// Appends a sample of requests to a recording file without making requests wait: entries go through a bounded
/// channel to one background writer (when the channel is full the entry is dropped and counted — recording is a
/// sample, never a reason to slow traffic). <see cref="DisposeAsync"/> drains what is queued.
/// </summary>
public sealed class RecordingWriter : IAsyncDisposable
{
    private readonly Channel<RecordingEntry> _channel = Channel.CreateBounded<RecordingEntry>(
        new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly string _path;
    private readonly double _sample;
    private readonly IRandomSource _random;
    private readonly Task _writer;
    private long _dropped;
    private long _written;

    public RecordingWriter(string path, double sample, Redactor redactor, IRandomSource random)
    {
        _path = path;
        _sample = sample;
        _random = random;
        Redactor = redactor;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _writer = Task.Run(WriteLoopAsync);
    }

    public Redactor Redactor { get; }

    public long Dropped => Interlocked.Read(ref _dropped);

    public long Written => Interlocked.Read(ref _written);

    /// <summary>Whether this request falls in the sample.</summary>
    public bool ShouldRecord() => _sample >= 1 || (_sample > 0 && _random.NextDouble() < _sample);

    public void Write(RecordingEntry entry)
    {
        if (!_channel.Writer.TryWrite(entry))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    private async Task WriteLoopAsync()
    {
        var stream = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            var writer = new StreamWriter(stream) { AutoFlush = false };
            await using (writer.ConfigureAwait(false))
            {
                while (await _channel.Reader.WaitToReadAsync().ConfigureAwait(false))
                {
                    while (_channel.Reader.TryRead(out var entry))
                    {
                        await writer.WriteLineAsync(RecordingFile.ToLine(entry)).ConfigureAwait(false);
                        Interlocked.Increment(ref _written);
                    }

                    await writer.FlushAsync().ConfigureAwait(false);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }
}
