using System.Diagnostics;
using Junction.Protocol.OpenAI;
using Junction.Telemetry;

namespace Junction.Routing;

/// <summary>
/// What one client request carries through the router: its id, trace context, timings, the attempts made
/// and the usage reported. Created by the edge (server or in-process client), read back for logs and headers.
/// </summary>
public sealed class RequestContext
{
    private long _upstreamTicks;
    private readonly List<AttemptRecord> _attempts = new(2);

    public RequestContext(string requestId, string? incomingTraceParent = null, string? traceState = null)
    {
        RequestId = requestId;
        StartTimestamp = Stopwatch.GetTimestamp();
        UpstreamTraceParent = TraceParent.ForUpstream(incomingTraceParent);
        TraceState = traceState;
    }

    public string RequestId { get; }

    /// <summary>The <c>traceparent</c> sent on every upstream call of this request.</summary>
    public string UpstreamTraceParent { get; }

    public string? TraceState { get; }

    /// <summary><see cref="Stopwatch"/> timestamp when the request arrived.</summary>
    public long StartTimestamp { get; }

    /// <summary>The public model name the client asked for.</summary>
    public string? Model { get; set; }

    /// <summary>Per-request routing overrides (<c>x-junction-config</c>), already validated.</summary>
    public RoutingOverrides? Overrides { get; set; }

    /// <summary>The fallback model that answered, when the requested model's deployments did not.</summary>
    public string? FallbackModel { get; set; }

    /// <summary>The deployment that produced the answer.</summary>
    public Deployment? ServedBy { get; set; }

    /// <summary>The virtual key id of the caller (never the key itself); null for the master key.</summary>
    public string? KeyId { get; set; }

    /// <summary>The team of the caller's virtual key.</summary>
    public string? TeamId { get; set; }

    /// <summary>The gate the router passes before any upstream call (virtual keys); null means none.</summary>
    public IRequestAdmission? Admission { get; set; }

    /// <summary>The request's output token cap (<c>max_tokens</c>/<c>max_completion_tokens</c>), for budget estimates.</summary>
    public int? MaxOutputTokens { get; set; }

    /// <summary>The request body size in bytes, for budget estimates (about 4 bytes per prompt token).</summary>
    public long? RequestBytes { get; set; }

    /// <summary>Usage as the upstream reported it (for streams: from the final usage chunk).</summary>
    public Usage? Usage { get; set; }

    /// <summary>Every attempt made, in order.</summary>
    public IReadOnlyList<AttemptRecord> Attempts
    {
        get
        {
            lock (_attempts)
            {
                return [.. _attempts];
            }
        }
    }

    public int AttemptCount
    {
        get
        {
            lock (_attempts)
            {
                return _attempts.Count;
            }
        }
    }

    /// <summary>Time spent waiting for upstreams (sending, waiting, reading), summed over attempts.</summary>
    public TimeSpan UpstreamTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _upstreamTicks));

    /// <summary>Time since the request arrived.</summary>
    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(StartTimestamp);

    /// <summary>The time Junction itself added: elapsed minus time spent on upstreams.</summary>
    public TimeSpan Overhead
    {
        get
        {
            var overhead = Elapsed - UpstreamTime;
            return overhead > TimeSpan.Zero ? overhead : TimeSpan.Zero;
        }
    }

    public void AddUpstreamTime(long stopwatchTicks) => Interlocked.Add(ref _upstreamTicks, stopwatchTicks);

    public void AddAttempt(AttemptRecord attempt)
    {
        lock (_attempts)
        {
            _attempts.Add(attempt);
        }
    }
}
