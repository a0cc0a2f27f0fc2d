using System.Diagnostics;
using System.Diagnostics.Metrics;
using Junction.Routing;
using Junction.Spend;

namespace Junction.Telemetry;

/// <summary>
/// Junction's metrics on the <c>Junction</c> meter, recorded from every finished request (proxy and in-process alike):
/// requests, errors by kind, latency and time-to-first-token histograms, tokens, cost, retries, fallbacks, rate-limit
/// rejections, and observable gauges for in-flight requests and deployment health. Labels are model, deployment,
/// provider and team; a model name that is not configured is recorded as <c>unknown</c>, so clients cannot grow the
/// label set.
/// </summary>
public sealed class JunctionMetrics : IRequestObserver, IDisposable
{
    public const string MeterName = "Junction";

    private readonly Meter _meter;
    private readonly Counter<long> _requests;
    private readonly Counter<long> _errors;
    private readonly Histogram<double> _duration;
    private readonly Histogram<double> _timeToFirstToken;
    private readonly Histogram<long> _tokens;
    private readonly Counter<double> _cost;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _fallbacks;
    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _rolloutTransitions;
    private readonly Func<RoutingTable> _table;
    private readonly TimeProvider _timeProvider;

    public JunctionMetrics(Func<RoutingTable> table, TimeProvider timeProvider)
    {
        _table = table;
        _timeProvider = timeProvider;
        _meter = new Meter(MeterName, JunctionInfo.Version);
        _requests = _meter.CreateCounter<long>("junction.requests", "{request}", "Requests handled, by outcome.");
        _errors = _meter.CreateCounter<long>("junction.errors", "{request}", "Requests that failed, by error kind.");
        _duration = _meter.CreateHistogram<double>("gen_ai.client.operation.duration", "s", "Request duration, end to end.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 40, 80] });
        _timeToFirstToken = _meter.CreateHistogram<double>("junction.time_to_first_token", "s", "Streams: time to the first chunk.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _tokens = _meter.CreateHistogram<long>("gen_ai.client.token.usage", "{token}", "Tokens per request, by type (input, output).",
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [16, 64, 256, 1024, 4096, 16384, 65536, 262144] });
        _cost = _meter.CreateCounter<double>("junction.cost", "USD", "Spend, in US dollars.");
        _retries = _meter.CreateCounter<long>("junction.retries", "{attempt}", "Upstream attempts after the first.");
        _fallbacks = _meter.CreateCounter<long>("junction.fallbacks", "{request}", "Requests answered by a fallback model.");
        _rateLimited = _meter.CreateCounter<long>("junction.rate_limit.rejections", "{request}", "Requests Junction itself refused with 429 (limits, budgets).");
        _rolloutTransitions = _meter.CreateCounter<long>("junction.rollout.transitions", "{transition}", "Rollout promotions, completions, rollbacks and manual changes.");
        _meter.CreateObservableGauge("junction.deployment.in_flight", ObserveInFlight, "{request}", "Requests in flight per deployment.");
        _meter.CreateObservableGauge("junction.deployment.healthy", ObserveHealth, "1", "1 when the deployment is in rotation, 0 while cooling down.");
    }

    public void OnRequestCompleted(RequestCompleted request)
    {
        var model = request.Model is { } m && _table().TryGetGroup(m, out _) ? m : "unknown";
        var deployment = request.Deployment ?? "none";
        var provider = request.Provider ?? "none";
        var team = request.Context.TeamId ?? "none";
        var status = request.Status;

        var tags = new TagList
        {
            { "model", model },
            { "deployment", deployment },
            { "provider", provider },
            { "team", team },
            { "operation", request.Operation },
        };

        var withStatus = tags;
        withStatus.Add("status", StatusLabel(status));
        _requests.Add(1, withStatus);
        _duration.Record(request.Latency.TotalSeconds, tags);
        if (request.Error is { } error)
        {
            var errorTags = tags;
            errorTags.Add("error_kind", error.Kind.ToString());
            _errors.Add(1, errorTags);
            if (status == 429 && error.Provider is null)
            {
                _rateLimited.Add(1, tags);
            }
        }

        if (request.TimeToFirstToken is { } ttft)
        {
            _timeToFirstToken.Record(ttft.TotalSeconds, tags);
        }

        if (request.Usage is { } usage)
        {
            var input = tags;
            input.Add("gen_ai.token.type", "input");
            _tokens.Record(usage.PromptTokens, input);
            var output = tags;
            output.Add("gen_ai.token.type", "output");
            _tokens.Record(usage.CompletionTokens, output);
        }

        if (request.Cost is { } cost)
        {
            _cost.Add((double)cost, tags);
        }

        if (request.Attempts.Count > 1)
        {
            _retries.Add(request.Attempts.Count - 1, tags);
        }

        if (request.FallbackModel is not null)
        {
            _fallbacks.Add(1, tags);
        }
    }

    /// <summary>Counts a rollout transition (wired to the rollout manager).</summary>
    public void RecordRolloutTransition(string model, string action) =>
        _rolloutTransitions.Add(1, new TagList { { "model", model }, { "action", action } });

    private static string StatusLabel(int status) => status switch
    {
        >= 200 and < 300 => "2xx",
        429 => "429",
        499 => "499",
        >= 400 and < 500 => "4xx",
        _ => "5xx",
    };

    private IEnumerable<Measurement<int>> ObserveInFlight()
    {
        foreach (var group in _table().Models)
        {
            foreach (var d in group.Deployments)
            {
                yield return new Measurement<int>(d.State.InFlight, new TagList { { "model", group.Name }, { "deployment", d.Id }, { "provider", d.ProviderName } });
            }
        }
    }

    private IEnumerable<Measurement<int>> ObserveHealth()
    {
        var now = _timeProvider.GetUtcNow();
        foreach (var group in _table().Models)
        {
            foreach (var d in group.Deployments)
            {
                yield return new Measurement<int>(d.State.IsCoolingDown(now) ? 0 : 1, new TagList { { "model", group.Name }, { "deployment", d.Id }, { "provider", d.ProviderName } });
            }
        }
    }

    public void Dispose() => _meter.Dispose();
}
