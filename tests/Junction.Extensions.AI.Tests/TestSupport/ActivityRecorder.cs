using System.Collections.Concurrent;
using System.Diagnostics;

namespace Junction.Extensions.AI.Tests.TestSupport;

/// <summary>
/// Records the spans of one test: starts a root activity and keeps every stopped activity (from Junction's and M.E.AI's
/// sources) in that trace, so tests running in parallel do not see each other's spans.
/// </summary>
public sealed class ActivityRecorder : IDisposable
{
    private static readonly ActivitySource TestSource = new("Junction.Extensions.AI.Tests");
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly Activity _root;

    public ActivityRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Junction" or "Junction.Extensions.AI.Tests" || source.Name.Contains("Microsoft.Extensions.AI", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == _root!.TraceId)
                {
                    _stopped.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
        _root = TestSource.StartActivity("test")!;
    }

    public ActivityTraceId TraceId => _root.TraceId;

    public Activity Root => _root;

    /// <summary>Stopped spans from the <c>Junction</c> source, in the order they stopped.</summary>
    public IReadOnlyList<Activity> Junction => [.. _stopped.Where(a => a.Source.Name == "Junction")];

    public IReadOnlyList<Activity> All => [.. _stopped];

    public void Dispose()
    {
        _root.Stop();
        _listener.Dispose();
    }
}
