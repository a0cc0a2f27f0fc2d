using System.Runtime.CompilerServices;
using System.Text;
using Junction.Resilience;

namespace Junction.Routing;

/// <summary>
/// A stream that has passed its commit point: the first chunk is in hand, so the client can be answered
/// with 200. Later failures surface as <see cref="JunctionException"/> from <see cref="ReadAllAsync"/>.
/// The usage-only chunk is recorded on the <see cref="RequestContext"/> and passed on only when the client asked for it.
/// </summary>
public sealed class RoutedStream<T> : IAsyncDisposable
    where T : class
{
    private readonly IAsyncEnumerator<T> _rest;
    private readonly T _first;
    private readonly StreamUsage<T> _usage;
    private readonly bool _clientWantsUsage;
    private readonly RequestContext _context;
    private readonly RequestDeadline _deadline;
    private readonly Deployment _deployment;
    private readonly AttemptScope _attempt;
    private readonly TimeProvider _timeProvider;
    private readonly RequestTracker _tracker;
    private readonly StringBuilder _text = new();
    private int _disposed;

    internal RoutedStream(IAsyncEnumerator<T> rest, T first, StreamUsage<T> usage, bool clientWantsUsage,
        RequestContext context, RequestDeadline deadline, Deployment deployment, AttemptScope attempt, TimeProvider timeProvider,
        RequestTracker tracker)
    {
        _tracker = tracker;
        _attempt = attempt;
        _timeProvider = timeProvider;
        _rest = rest;
        _first = first;
        _usage = usage;
        _clientWantsUsage = clientWantsUsage;
        _context = context;
        _deadline = deadline;
        _deployment = deployment;
    }

    /// <summary>The deployment that is serving this stream.</summary>
    public Deployment Deployment => _deployment;

    /// <summary>Every chunk for the client, starting with the first, in order.</summary>
    public async IAsyncEnumerable<T> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        _context.MarkFirstToken();
        if (Shape(_first) is { } first)
        {
            yield return first;
        }

        while (true)
        {
            bool more;
            try
            {
                more = await _rest.MoveNextAsync().ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (_deadline.HasExpired && !_deadline.ClientCancelled)
            {
                var error = JunctionErrors.UpstreamTimeout(_deployment.ProviderName, _deployment.Id, _deadline.Timeout);
                _tracker.Complete(error.Status, error);
                throw new JunctionException(error, ex);
            }
            catch (JunctionException ex)
            {
                _tracker.Complete(ex.Error.Status, ex.Error);
                throw;
            }

            if (!more)
            {
                if (_context.Usage is null)
                {
                    _tracker.EstimateUsage(_deployment, _text.ToString());
                }

                if (_tracker.CaptureContent)
                {
                    _context.CompletionText = _text.ToString();
                }

                _tracker.Complete(200, null);
                yield break;
            }

            var current = _rest.Current;

            if (Shape(current) is { } chunk)
            {
                yield return chunk;
            }
        }
    }

    private T? Shape(T chunk)
    {
        _usage.AppendText(chunk, _text);
        if (_usage.GetUsage(chunk) is not { } usage)
        {
            return chunk;
        }

        _context.Usage = usage;
        _deployment.State.RecordTokens(_timeProvider.GetUtcNow(), usage.TotalTokens);
        if (_clientWantsUsage)
        {
            return chunk;
        }

        if (_usage.IsUsageOnly(chunk))
        {
            return null;
        }

        _usage.ClearUsage(chunk);
        return chunk;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            await _rest.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            // Disposed before the end was read: the caller stopped reading or went away.
            _tracker.Complete(RequestTracker.ClientClosedRequest, null);
            _deployment.State.Exit();
            _attempt.Dispose();
            _deadline.Dispose();
        }
    }
}
