using System.Threading.Channels;

namespace Junction.TestKit.OpenAI;

/// <summary>Thread-safe store of recorded requests and observed client aborts, with awaitable waits on both.</summary>
internal sealed class FakeRequestLog
{
    private readonly Lock _lock = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly Channel<RecordedRequest> _arrivals = Channel.CreateUnbounded<RecordedRequest>();
    private readonly List<(int Count, TaskCompletionSource Signal)> _abortWaiters = [];
    private int _abortedCount;
    private int _requestCount;

    public int RequestCount => Volatile.Read(ref _requestCount);

    public int AbortedCount => Volatile.Read(ref _abortedCount);

    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        lock (_lock)
        {
            return [.. _requests];
        }
    }

    public void CountRequest() => Interlocked.Increment(ref _requestCount);

    public void Add(RecordedRequest request)
    {
        lock (_lock)
        {
            _requests.Add(request);
        }

        _arrivals.Writer.TryWrite(request);
    }

    public void Clear()
    {
        lock (_lock)
        {
            _requests.Clear();
            while (_arrivals.Reader.TryRead(out _))
            {
            }
        }
    }

    public async Task<RecordedRequest> NextAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            return await _arrivals.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"No request reached the fake OpenAI upstream within {timeout}.");
        }
    }

    public void AddAbort(RecordedRequest? request)
    {
        request?.MarkAborted();
        List<TaskCompletionSource>? ready = null;
        lock (_lock)
        {
            int count = ++_abortedCount;
            for (int i = _abortWaiters.Count - 1; i >= 0; i--)
            {
                if (_abortWaiters[i].Count <= count)
                {
                    (ready ??= []).Add(_abortWaiters[i].Signal);
                    _abortWaiters.RemoveAt(i);
                }
            }
        }

        if (ready is not null)
        {
            foreach (TaskCompletionSource signal in ready)
            {
                signal.TrySetResult();
            }
        }
    }

    public async Task WaitForAbortsAsync(int count, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_abortedCount >= count)
            {
                return;
            }

            _abortWaiters.Add((count, signal));
        }

        try
        {
            await signal.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            lock (_lock)
            {
                _abortWaiters.RemoveAll(w => w.Signal == signal);
            }

            throw new TimeoutException(
                $"The fake OpenAI upstream saw {AbortedCount} client abort(s) within {timeout}; expected at least {count}.");
        }
    }
}
