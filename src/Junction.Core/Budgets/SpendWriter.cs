using System.Threading.Channels;

namespace Junction.Budgets;

/// <summary>
/// Persists settled spend off the request path: a bounded channel drained by one loop that sums what is queued and
/// writes it in one batch. <see cref="DisposeAsync"/> drains the channel, so nothing settled is lost on shutdown.
/// When the channel is full the settling request waits (back-pressure) rather than dropping spend.
/// </summary>
public sealed class SpendWriter : IAsyncDisposable
{
    private readonly Channel<(BudgetWindow Window, long Nanos)> _channel =
        Channel.CreateBounded<(BudgetWindow, long)>(new BoundedChannelOptions(10_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly IBudgetSpendStore _store;
    private readonly Action<Exception>? _onError;
    private readonly Task _loop;
    private long _pending;

    public SpendWriter(IBudgetSpendStore store, Action<Exception>? onError = null)
    {
        _store = store;
        _onError = onError;
        _loop = Task.Run(RunAsync);
    }

    public async ValueTask AddAsync(IReadOnlyList<BudgetWindow> windows, long nanos, CancellationToken cancellationToken)
    {
        foreach (var window in windows)
        {
            Interlocked.Increment(ref _pending);
            await _channel.Writer.WriteAsync((window, nanos), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until everything queued so far has been written (tests, the CLI, shutdown).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        while (Interlocked.Read(ref _pending) > 0 && !_loop.IsCompleted)
        {
            await Task.Delay(5, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RunAsync()
    {
        var reader = _channel.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            var batch = new Dictionary<BudgetWindow, long>();
            var items = 0;
            while (batch.Count < 500 && reader.TryRead(out var item))
            {
                batch[item.Window] = batch.GetValueOrDefault(item.Window) + item.Nanos;
                items++;
            }

            try
            {
                await _store.AddSpentAsync([.. batch.Select(static e => (e.Key, e.Value))], CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                _onError?.Invoke(ex);
            }
            finally
            {
                Interlocked.Add(ref _pending, -items);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }
}
