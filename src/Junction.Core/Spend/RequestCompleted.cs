using Junction.Protocol.OpenAI;
using Junction.Resilience;
using Junction.Routing;

namespace Junction.Spend;

/// <summary>
/// One finished request as the router saw it, handed to every <see cref="IRequestObserver"/>: what was asked, which
/// deployment answered, usage, cost, outcome and timings. The same record is made for proxy and in-process traffic.
/// </summary>
public sealed record RequestCompleted
{
    public required string RequestId { get; init; }

    /// <summary>The <c>gen_ai.operation.name</c>: <c>chat</c>, <c>text_completion</c> or <c>embeddings</c>.</summary>
    public required string Operation { get; init; }

    /// <summary>The public model the caller asked for (null when the request named none).</summary>
    public string? Model { get; init; }

    /// <summary>The fallback model that answered, when the requested one did not.</summary>
    public string? FallbackModel { get; init; }

    /// <summary>The id of the deployment that answered (null when none did).</summary>
    public string? Deployment { get; init; }

    /// <summary>The provider of that deployment (<c>openai</c>, <c>mock</c>, ...).</summary>
    public string? Provider { get; init; }

    /// <summary>The model id sent upstream by that deployment.</summary>
    public string? UpstreamModel { get; init; }

    /// <summary>The model the upstream said answered.</summary>
    public string? ResponseModel { get; init; }

    public bool Streamed { get; init; }

    /// <summary>The HTTP-style status: 200, the error's status, or 499 when the caller cancelled or stopped reading.</summary>
    public int Status { get; init; }

    /// <summary>The error, when the request failed.</summary>
    public JunctionError? Error { get; init; }

    /// <summary>Usage as the upstream reported it.</summary>
    public Usage? Usage { get; init; }

    /// <summary>The cost in USD from the configured <see cref="ICostEstimator"/>; null when unknown.</summary>
    public decimal? Cost { get; init; }

    /// <summary>True when the request succeeded but no price is known for its model (so <see cref="Cost"/> is null, not $0).</summary>
    public bool Unpriced { get; init; }

    /// <summary>True when <see cref="Usage"/> was estimated with a tokenizer because the upstream reported none.</summary>
    public bool UsageEstimated { get; init; }

    /// <summary>When the request reached the router (from the runtime's <see cref="TimeProvider"/>).</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>From arrival to completion (for streams: to the last chunk, or to the caller giving up).</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Streams: from arrival to the first chunk; null for non-streamed requests.</summary>
    public TimeSpan? TimeToFirstToken { get; init; }

    /// <summary>The time Junction itself added: latency minus time spent waiting on upstreams.</summary>
    public TimeSpan Overhead { get; init; }

    /// <summary>Every upstream attempt, in order.</summary>
    public IReadOnlyList<AttemptRecord> Attempts { get; init; } = [];

    /// <summary>The request's context, for data an edge attached to it (the server's key, say).</summary>
    public required RequestContext Context { get; init; }
}
