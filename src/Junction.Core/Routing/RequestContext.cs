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
        IncomingTraceParent = incomingTraceParent;
        StartTimestamp = Stopwatch.GetTimestamp();
        UpstreamTraceParent = TraceParent.ForUpstream(incomingTraceParent);
        TraceState = traceState;
    }

    public string RequestId { get; }

    /// <summary>The <c>traceparent</c> sent on every upstream call of this request.</summary>
    public string UpstreamTraceParent { get; }

    public string? TraceState { get; }

    /// <summary>The caller's <c>traceparent</c>, when it sent one: the parent of the request span when no activity is current.</summary>
    public string? IncomingTraceParent { get; }

    /// <summary><see cref="Stopwatch"/> timestamp when the request arrived.</summary>
    public long StartTimestamp { get; }

    /// <summary>The public model name the client asked for.</summary>
    public string? Model { get; set; }

    /// <summary>Per-request routing overrides (<c>x-junction-config</c>), already validated.</summary>
    public RoutingOverrides? Overrides { get; set; }

    /// <summary>Who is calling, for sticky rollouts and logs: a virtual key id, or <c>master</c>; null when auth is off.</summary>
    public string? CallerId { get; set; }

    /// <summary>The W3C trace id of this request (the caller's when it sent a <c>traceparent</c>).</summary>
    public string TraceId => UpstreamTraceParent.Length >= 35 ? UpstreamTraceParent.Substring(3, 32) : "";

    /// <summary>Client metadata (<c>x-junction-metadata</c> header or body <c>metadata</c>), for sticky rollouts and spend tags.</summary>
    public IReadOnlyDictionary<string, string>? ClientMetadata { get; set; }

    /// <summary>The model a rollout sent this request to instead of <see cref="Model"/>; null when it stayed on the old side.</summary>
    public string? RolloutTarget { get; set; }

    /// <summary>Whether a rollout applies to this request at all (then <see cref="RolloutTarget"/> says which side).</summary>
    public bool InRollout { get; set; }

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

    /// <summary>
    /// Request parameters the serving deployment left out because its provider cannot honour them
    /// (<c>drop_unsupported_params</c>); sent back in <c>x-junction-dropped-params</c>. Null when none were.
    /// </summary>
    public IReadOnlyList<string>? DroppedParams { get; set; }

    /// <summary>The cost in USD, set when the request completes and a cost estimator knows the deployment's price.</summary>
    public decimal? Cost { get; set; }

    /// <summary>True when the request succeeded but its model has no price (no cost estimator entry, no config override).</summary>
    public bool CostUnpriced { get; set; }

    /// <summary>True when <see cref="Usage"/> was counted by Junction's tokenizer because the upstream reported none (streams).</summary>
    public bool UsageEstimated { get; set; }

    /// <summary>What an image or audio request used (images made, audio seconds), for pricing; null for token-only requests.</summary>
    public Spend.MediaUsage? Media { get; set; }

    /// <summary>The user of the caller's virtual key, for spend; null for the master key or keys without a user.</summary>
    public string? UserId { get; set; }

    /// <summary>The prompt as text (chat and completions), kept only when spend content capture or usage estimation needs it.</summary>
    public string? PromptText { get; set; }

    /// <summary>The answer as text, kept only when spend content capture is on (<c>logging.store_content</c>).</summary>
    public string? CompletionText { get; set; }

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

    /// <summary>For streams: time from arrival to the first chunk handed to the client; null until then (and for non-streams).</summary>
    public TimeSpan? TimeToFirstToken { get; private set; }

    /// <summary>Records the first chunk's time (only the first call counts).</summary>
    public void MarkFirstToken() => TimeToFirstToken ??= Elapsed;

    public void AddUpstreamTime(long stopwatchTicks) => Interlocked.Add(ref _upstreamTicks, stopwatchTicks);

    public void AddAttempt(AttemptRecord attempt)
    {
        lock (_attempts)
        {
            _attempts.Add(attempt);
        }
    }
}
