using System.Diagnostics;
using Junction.Resilience;
using Junction.Spend;
using Junction.Telemetry;
using Microsoft.Extensions.Logging;

namespace Junction.Routing;

/// <summary>
/// One request's life in the router, from arrival to its single completion: the request span, the cost, and the
/// <see cref="RequestCompleted"/> handed to the observers. <see cref="Complete"/> runs once; later calls do nothing.
/// </summary>
internal sealed partial class RequestTracker
{
    private readonly RequestContext _context;
    private readonly string _operation;
    private readonly bool _streamed;
    private readonly RequestHooks _hooks;
    private readonly ILogger _logger;
    private readonly DateTimeOffset _startedAt;
    private readonly Activity? _activity;
    /// <summary>nginx's status for a client that went away before the answer was complete.</summary>
    public const int ClientClosedRequest = 499;

    private string? _responseModel;
    private int _completed;

    public RequestTracker(RequestContext context, string operation, string? model, bool streamed, RequestHooks hooks, TimeProvider timeProvider, ILogger logger)
    {
        _context = context;
        _operation = operation;
        _streamed = streamed;
        _hooks = hooks;
        _logger = logger;
        _startedAt = timeProvider.GetUtcNow();
        _activity = JunctionTelemetry.StartRequest(operation, model, context.IncomingTraceParent, context.TraceState, context.RequestId);
    }

    public string Operation => _operation;

    public void SetResponseModel(string? model) => _responseModel = model;

    /// <summary>Whether answers are kept as text (<see cref="RequestHooks.CaptureContent"/>).</summary>
    public bool CaptureContent => _hooks.CaptureContent;

    /// <summary>Ends the request: <paramref name="status"/> 200, the error's status, or 499 for a caller that went away.</summary>
    public void Complete(int status, JunctionError? error)
    {
        if (Interlocked.Exchange(ref _completed, 1) == 1)
        {
            return;
        }

        var served = _context.ServedBy;
        var usage = _context.Usage;
        if (served is not null && status == 200 && (usage is not null || _context.Media is not null))
        {
            _context.Cost = EstimateCost(served, usage, _context.Media);
            _context.CostUnpriced = _context.Cost is null && _hooks.CostEstimator is not NullCostEstimator;
        }

        Tag(status, error);
        _activity?.Stop();
        if (_hooks.Observers.Count == 0)
        {
            return;
        }

        var completed = new RequestCompleted
        {
            RequestId = _context.RequestId,
            Operation = _operation,
            Model = _context.Model,
            FallbackModel = _context.FallbackModel,
            Deployment = served?.Id,
            Provider = served?.ProviderName,
            UpstreamModel = served?.UpstreamModel,
            ResponseModel = _responseModel,
            Streamed = _streamed,
            Status = status,
            Error = error,
            Usage = usage,
            Cost = _context.Cost,
            Unpriced = _context.CostUnpriced,
            UsageEstimated = _context.UsageEstimated,
            StartedAt = _startedAt,
            Latency = _context.Elapsed,
            Overhead = _context.Overhead,
            TimeToFirstToken = _context.TimeToFirstToken,
            Attempts = _context.Attempts,
            Context = _context,
        };
        foreach (var observer in _hooks.Observers)
        {
            try
            {
                observer.OnRequestCompleted(completed);
            }
            catch (Exception ex)
            {
                Log.ObserverFailed(_logger, ex, _context.RequestId, observer.GetType().Name);
            }
        }
    }

    /// <summary>Ends the request with the outcome of an exception thrown out of the router.</summary>
    public void Fail(Exception exception, CancellationToken requestAborted)
    {
        switch (exception)
        {
            case JunctionException junction:
                Complete(junction.Error.Status, junction.Error);
                break;
            case OperationCanceledException when requestAborted.IsCancellationRequested:
                Complete(ClientClosedRequest, null);
                break;
            default:
                Complete(500, JunctionErrors.Internal(_context.RequestId));
                break;
        }
    }

    /// <summary>The prompt's text, read only when a stream's usage has to be estimated (set by the router).</summary>
    public Func<string>? PromptText { get; set; }

    /// <summary>
    /// A stream ended without usage from the upstream: counts the prompt and the answer with the configured tokenizer and
    /// records that usage on the context, flagged as estimated.
    /// </summary>
    public void EstimateUsage(Deployment served, string completion)
    {
        if (_context.Usage is not null)
        {
            return;
        }

        try
        {
            var model = Pricing.CostCalculator.PricedModel(served) ?? served.UpstreamModel;
            var prompt = _context.PromptText ?? PromptText?.Invoke() ?? "";
            var promptTokens = _hooks.TokenCounter.CountTokens(model, prompt);
            var completionTokens = _hooks.TokenCounter.CountTokens(model, completion);
            _context.Usage = new Protocol.OpenAI.Usage
            {
                PromptTokens = promptTokens,
                CompletionTokens = completionTokens,
                TotalTokens = promptTokens + completionTokens,
            };
            _context.UsageEstimated = true;
        }
        catch (Exception ex)
        {
            Log.TokenCountFailed(_logger, ex, _context.RequestId);
        }
    }

    private decimal? EstimateCost(Deployment served, Protocol.OpenAI.Usage? usage, MediaUsage? media)
    {
        try
        {
            return _hooks.CostEstimator.EstimateCost(served, usage, media);
        }
        catch (Exception ex)
        {
            Log.CostFailed(_logger, ex, _context.RequestId, served.Id);
            return null;
        }
    }

    private void Tag(int status, JunctionError? error)
    {
        if (_activity is not { IsAllDataRequested: true } activity)
        {
            return;
        }

        if (_context.ServedBy is { } served)
        {
            var system = JunctionTelemetry.ProviderSystemName(served.ProviderName);
            activity.SetTag(JunctionTelemetry.Tags.ProviderName, system);
            activity.SetTag(JunctionTelemetry.Tags.SystemName, system);
            activity.SetTag(JunctionTelemetry.Tags.Deployment, served.Id);
        }

        activity.SetTag(JunctionTelemetry.Tags.ResponseModel, _responseModel);
        activity.SetTag(JunctionTelemetry.Tags.Attempts, _context.AttemptCount);
        activity.SetTag(JunctionTelemetry.Tags.FallbackModel, _context.FallbackModel);
        if (_context.Usage is { } usage)
        {
            activity.SetTag(JunctionTelemetry.Tags.InputTokens, usage.PromptTokens);
            activity.SetTag(JunctionTelemetry.Tags.OutputTokens, usage.CompletionTokens);
        }

        if (_context.Cost is { } cost)
        {
            activity.SetTag(JunctionTelemetry.Tags.Cost, (double)cost);
        }

        if (status == 200)
        {
            activity.SetTag(JunctionTelemetry.Tags.Status, status);
        }
        else
        {
            JunctionTelemetry.SetError(activity, status, error?.Code ?? error?.Kind.ToString() ?? "cancelled", error?.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(10, LogLevel.Warning, "Request {RequestId}: request observer {Observer} failed", EventName = "ObserverFailed")]
        public static partial void ObserverFailed(ILogger logger, Exception exception, string requestId, string observer);

        [LoggerMessage(11, LogLevel.Warning, "Request {RequestId}: the cost estimator failed for deployment {Deployment}", EventName = "CostFailed")]
        public static partial void CostFailed(ILogger logger, Exception exception, string requestId, string deployment);

        [LoggerMessage(12, LogLevel.Warning, "Request {RequestId}: counting the tokens of a stream without usage failed", EventName = "TokenCountFailed")]
        public static partial void TokenCountFailed(ILogger logger, Exception exception, string requestId);
    }
}
