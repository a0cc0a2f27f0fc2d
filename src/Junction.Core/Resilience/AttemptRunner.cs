using System.Collections.Concurrent;
using System.Diagnostics;
using Junction.Providers;
using Junction.Routing;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Junction.Resilience;

/// <summary>
/// Runs one request's attempts over a route plan. Retries (Polly.Core: exponential backoff with jitter) happen
/// only for retryable errors; a retry moves to an untried deployment at once, and waits (honouring the
/// upstream's Retry-After) only when it must come back to one already tried. A client cancellation ends
/// everything and is never counted as a deployment failure; the whole-request deadline becomes a 504.
/// </summary>
internal sealed partial class AttemptRunner
{
    private static readonly ResiliencePropertyKey<RoutePlan> PlanKey = new("junction.route-plan");
    private static readonly ResiliencePropertyKey<RequestDeadline> DeadlineKey = new("junction.deadline");
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<int, ResiliencePipeline> _pipelines = new();
    private readonly TimeProvider _timeProvider;
    private readonly IRandomSource _random;
    private readonly ILogger _logger;

    public AttemptRunner(TimeProvider timeProvider, IRandomSource random, ILogger logger)
    {
        _timeProvider = timeProvider;
        _random = random;
        _logger = logger;
    }

    public async Task<TResult> RunAsync<TProvider, TResult>(
        ModelGroup group, RequestContext context, RequestDeadline deadline,
        Func<TProvider, Deployment, CancellationToken, Task<TResult>> call)
        where TProvider : class, IProvider
    {
        var candidates = CandidatesFor<TProvider>(group);
        if (candidates.Count == 0)
        {
            throw new JunctionException(JunctionErrors.CapabilityNotSupported(group.Name, CapabilityName<TProvider>()));
        }

        var plan = new RoutePlan(candidates, _random);
        var resilienceContext = ResilienceContextPool.Shared.Get(deadline.Token);
        resilienceContext.Properties.Set(PlanKey, plan);
        resilienceContext.Properties.Set(DeadlineKey, deadline);
        try
        {
            return await GetPipeline(group.Policy.Retries).ExecuteAsync(
                async (rc, state) => await state.Runner.AttemptAsync(state.Plan, state.Context, state.Deadline, state.Call, rc.CancellationToken).ConfigureAwait(false),
                resilienceContext,
                (Runner: this, Plan: plan, Context: context, Deadline: deadline, Call: call)).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (deadline.HasExpired && !deadline.ClientCancelled)
        {
            throw new JunctionException(JunctionErrors.UpstreamTimeout(null, null, deadline.Timeout), ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(resilienceContext);
        }
    }

    private async Task<TResult> AttemptAsync<TProvider, TResult>(
        RoutePlan plan, RequestContext context, RequestDeadline deadline,
        Func<TProvider, Deployment, CancellationToken, Task<TResult>> call, CancellationToken cancellationToken)
        where TProvider : class, IProvider
    {
        var deployment = plan.Next()!;
        var start = Stopwatch.GetTimestamp();
        deployment.State.Enter();
        try
        {
            var result = await call((TProvider)deployment.Provider, deployment, cancellationToken).ConfigureAwait(false);
            var latency = Finish(context, deployment, start, 200, null);
            deployment.State.RecordLatency(latency);
            context.ServedBy = deployment;
            return result;
        }
        catch (JunctionException ex) when (!deadline.ClientCancelled)
        {
            Finish(context, deployment, start, ex.Error.Status, ex.Error.Kind);
            Log.AttemptFailed(_logger, context.RequestId, deployment.Id, ex.Error.Status, ex.Error.Kind);
            throw;
        }
        catch (OperationCanceledException ex) when (deadline.HasExpired && !deadline.ClientCancelled)
        {
            Finish(context, deployment, start, 504, JunctionErrorKind.Timeout);
            throw new JunctionException(JunctionErrors.UpstreamTimeout(deployment.ProviderName, deployment.Id, deadline.Timeout), ex);
        }
        finally
        {
            deployment.State.Exit();
        }
    }

    private static TimeSpan Finish(RequestContext context, Deployment deployment, long start, int status, JunctionErrorKind? kind)
    {
        var end = Stopwatch.GetTimestamp();
        context.AddUpstreamTime(end - start);
        var latency = Stopwatch.GetElapsedTime(start, end);
        context.AddAttempt(new AttemptRecord(deployment.Id, deployment.ProviderName, status, kind, latency));
        return latency;
    }

    private static List<Deployment> CandidatesFor<TProvider>(ModelGroup group)
    {
        var list = new List<Deployment>(group.Deployments.Length);
        foreach (var d in group.Deployments)
        {
            if (d.Provider is TProvider)
            {
                list.Add(d);
            }
        }

        return list;
    }

    private static string CapabilityName<TProvider>() => typeof(TProvider).Name switch
    {
        nameof(IChatProvider) => "chat completions",
        nameof(ICompletionProvider) => "legacy completions",
        nameof(IEmbeddingProvider) => "embeddings",
        var other => other,
    };

    private ResiliencePipeline GetPipeline(int retries) =>
        _pipelines.GetOrAdd(retries, static (r, self) => self.BuildPipeline(r), this);

    private ResiliencePipeline BuildPipeline(int retries)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = _timeProvider };
        if (retries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = retries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(100),
                MaxDelay = TimeSpan.FromSeconds(10),
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome.Exception, args.Context)),
                DelayGenerator = args => ValueTask.FromResult(RetryDelay(args.Outcome.Exception, args.Context)),
            });
        }

        return builder.Build();
    }

    private bool ShouldRetry(Exception? exception, ResilienceContext context)
    {
        if (exception is not JunctionException { Error: { IsRetryable: true } error })
        {
            return false;
        }

        var deadline = context.Properties.GetValue(DeadlineKey, null!);
        if (deadline.ClientCancelled || deadline.HasExpired)
        {
            return false;
        }

        // Waiting longer than the upstream asks is pointless; waiting past our own deadline is worse.
        var plan = context.Properties.GetValue(PlanKey, null!);
        return plan.HasUntried || error.RetryAfter is not { } wait || wait <= MaxRetryAfter;
    }

    private static TimeSpan? RetryDelay(Exception? exception, ResilienceContext context)
    {
        var plan = context.Properties.GetValue(PlanKey, null!);
        if (plan.HasUntried)
        {
            return TimeSpan.Zero;
        }

        return exception is JunctionException { Error.RetryAfter: { } wait } ? wait : null;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Request {RequestId}: deployment {Deployment} failed with {Status} ({Kind})", EventName = "AttemptFailed")]
        public static partial void AttemptFailed(ILogger logger, string requestId, string deployment, int status, JunctionErrorKind kind);
    }
}
