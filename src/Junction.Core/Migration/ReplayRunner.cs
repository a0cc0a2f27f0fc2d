using System.Diagnostics;
using Junction.Protocol.OpenAI;
using Junction.Resilience;
using Junction.Routing;

namespace Junction.Migration;

/// <summary>
/// Replays recorded requests through the same router the gateway uses, against two public models, and compares the
/// answers exactly as shadow traffic is compared: the first target plays the primary, the second the shadow.
/// </summary>
public sealed class ReplayRunner
{
    private readonly JunctionRouter _router;
    private readonly ShadowComparer _comparer;
    private readonly Func<Deployment?, Usage?, decimal?>? _cost;

    public ReplayRunner(JunctionRouter router, ShadowComparer comparer, Func<Deployment?, Usage?, decimal?>? cost = null)
    {
        _router = router;
        _comparer = comparer;
        _cost = cost;
    }

    public async Task<IReadOnlyList<ShadowPair>> RunAsync(
        IReadOnlyList<RecordingEntry> entries, string primary, string shadow, int concurrency, IReadOnlySet<string> compare,
        Action<int, int>? progress, CancellationToken cancellationToken)
    {
        var pairs = new ShadowPair[entries.Count];
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, entries.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, concurrency), CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var entry = entries[i];
                var first = await CallAsync(entry, primary, token).ConfigureAwait(false);
                var second = await CallAsync(entry, shadow, token).ConfigureAwait(false);
                pairs[i] = new ShadowPair(entry.RequestId, entry.Time, primary, shadow, first, second,
                    _comparer.Compare(entry.Request, first, second, compare));
                progress?.Invoke(Interlocked.Increment(ref done), entries.Count);
            }).ConfigureAwait(false);
        return pairs;
    }

    private async Task<ShadowOutcome> CallAsync(RecordingEntry entry, string model, CancellationToken cancellationToken)
    {
        var request = entry.Request.ShallowCopy();
        request.Model = model;
        request.Stream = false;
        request.StreamOptions = null;
        var context = new RequestContext("replay_" + entry.RequestId + "_" + model);
        var start = Stopwatch.GetTimestamp();
        try
        {
            var response = await _router.CompleteChatAsync(request, context, cancellationToken).ConfigureAwait(false);
            return ShadowOutcome.FromResponse(response, Stopwatch.GetElapsedTime(start), null, context.ServedBy?.Id, _cost?.Invoke(context.ServedBy, response.Usage));
        }
        catch (JunctionException ex)
        {
            return new ShadowOutcome { Status = ex.Error.Status, ErrorKind = ex.Error.Kind.ToString(), Latency = Stopwatch.GetElapsedTime(start) };
        }
    }
}
