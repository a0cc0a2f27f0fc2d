using System.Collections.Concurrent;
using System.Diagnostics;
using Junction.Providers;
using Junction.Routing;
using Junction.Telemetry;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Junction.Resilience;

/// <summary>
/// Runs one request's attempts. Within a model group, retries (Polly.Core: exponential backoff with jitter) happen only
/// for retryable errors; a retry moves to an untried deployment at once and waits (honouring Retry-After) only when it
/// must come back to one already tried. When the group is exhausted, the fallback models are tried in order with
/// their own routing; context-window and content-policy errors go to their own fallback lists. A client cancellation
/// ends everything and is never counted against a deployment; the whole-request deadline becomes a 504.
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
        RoutingTable table, ModelGroup primary, RoutingPolicy policy, RequestContext context, RequestDeadline deadline,
        bool streaming, Func<TProvider, Deployment, AttemptScope, Task<TResult>> call)
        where TProvider : class, IProvider
    {
        var group = primary;
        var groupPolicy = policy;
        var queue = new Queue<string>(policy.Fallbacks);
        var specialUsed = false;
        while (true)
        {
            try
            {
                var result = await RunGroupAsync(group, groupPolicy, context, deadline, streaming, call).ConfigureAwait(false);
                if (!ReferenceEquals(group, primary))
                {
                    context.FallbackModel = group.Name;
                }

                return result;
            }
            catch (JunctionException ex) when (!deadline.ClientCancelled && !deadline.HasExpired)
            {
                var special = ex.Error.Kind switch
                {
                    JunctionErrorKind.ContextWindowExceeded => policy.ContextWindowFallbacks,
                    JunctionErrorKind.ContentFiltered => policy.ContentPolicyFallbacks,
                    _ => default,
                };
                if (!specialUsed && !special.IsDefaultOrEmpty)
                {
                    specialUsed = true;
                    queue = new Queue<string>(special);
                }
                else if (!FallsBack(ex.Error.Kind))
                {
                    throw;
                }

                if (!NextFallback<TProvider>(table, queue, out var next))
                {
                    throw;
                }

                Log.FallingBack(_logger, context.RequestId, group.Name, next.Name, ex.Error.Kind);
                group = next;
                groupPolicy = next.Policy;
            }
        }
    }

    /// <summary>Errors that another model may not have: the deployment's side of things, not the request's.</summary>
    private static bool FallsBack(JunctionErrorKind kind) => kind is not
        (JunctionErrorKind.BadRequest or JunctionErrorKind.PayloadTooLarge or
         JunctionErrorKind.ContextWindowExceeded or JunctionErrorKind.ContentFiltered);

    private static bool NextFallback<TProvider>(RoutingTable table, Queue<string> queue, out ModelGroup next)
    {
        while (queue.TryDequeue(out var name))
        {
            if (table.TryGetGroup(name, out next!) && next.Supports<TProvider>())
            {
                return true;
            }
        }

        next = null!;
        return false;
    }

    private async Task<TResult> RunGroupAsync<TProvider, TResult>(
        ModelGroup group, RoutingPolicy policy, RequestContext context, RequestDeadline deadline,
        bool streaming, Func<TProvider, Deployment, AttemptScope, Task<TResult>> call)
        where TProvider : class, IProvider
    {
        var candidates = CandidatesFor<TProvider>(group);
        if (candidates.Count == 0)
        {
            throw new JunctionException(JunctionErrors.CapabilityNotSupported(group.Name, CapabilityName<TProvider>()));
        }

        var plan = new RoutePlan(candidates, policy, _random, _timeProvider);
        var resilienceContext = ResilienceContextPool.Shared.Get(deadline.Token);
        resilienceContext.Properties.Set(PlanKey, plan);
        resilienceContext.Properties.Set(DeadlineKey, deadline);
        try
        {
            return await GetPipeline(policy.Retries).ExecuteAsync(
                static async (rc, state) => await state.Runner.AttemptAsync(state.Plan, state.Policy, state.Context, state.Deadline, state.Streaming, state.Call, rc.CancellationToken).ConfigureAwait(false),
                resilienceContext,
                (Runner: this, Plan: plan, Policy: policy, Context: context, Deadline: deadline, Streaming: streaming, Call: call)).ConfigureAwait(false);
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
        RoutePlan plan, RoutingPolicy policy, RequestContext context, RequestDeadline deadline,
        bool streaming, Func<TProvider, Deployment, AttemptScope, Task<TResult>> call, CancellationToken cancellationToken)
        where TProvider : class, IProvider
    {
        var deployment = plan.Next(out var limitedFor);
        if (deployment is null)
        {
            throw new JunctionException(JunctionErrors.AllDeploymentsAtLimit(plan.CandidateCount, limitedFor ?? TimeSpan.FromSeconds(1)));
        }

        var timeout = Shortest(policy.AttemptTimeout, streaming ? policy.FirstTokenTimeout : null);
        var scope = new AttemptScope(cancellationToken, timeout, _timeProvider);
        var start = Stopwatch.GetTimestamp();
        deployment.State.Enter();
        deployment.State.RecordRequest(_timeProvider.GetUtcNow());

        // For a stream the attempt span ends at the commit point (the first chunk); the request span covers the rest.
        using var activity = JunctionTelemetry.StartAttempt(OperationName<TProvider>(), deployment.ProviderName,
            deployment.UpstreamModel, deployment.Id, context.AttemptCount + 1);
        try
        {
            var result = await call((TProvider)deployment.Provider, deployment, scope).ConfigureAwait(false);
            var latency = Finish(context, deployment, start, 200, null);
            deployment.State.RecordLatency(latency);
            context.ServedBy = deployment;
            activity?.SetTag(JunctionTelemetry.Tags.Status, 200);
            return result;
        }
        catch (JunctionException ex) when (!deadline.ClientCancelled)
        {
            Fail(context, deployment, start, ex.Error, policy, activity);
            throw;
        }
        catch (OperationCanceledException ex) when (scope.TimedOut && !deadline.ClientCancelled && !deadline.HasExpired)
        {
            var error = JunctionErrors.UpstreamTimeout(deployment.ProviderName, deployment.Id, scope.Timeout!.Value);
            Fail(context, deployment, start, error, policy, activity);
            throw new JunctionException(error, ex);
        }
        catch (OperationCanceledException ex) when (deadline.HasExpired && !deadline.ClientCancelled)
        {
            var error = JunctionErrors.UpstreamTimeout(deployment.ProviderName, deployment.Id, deadline.Timeout);
            Fail(context, deployment, start, error, policy, activity);
            throw new JunctionException(error, ex);
        }
        finally
        {
            deployment.State.Exit();
            if (!scope.Kept)
            {
                scope.Dispose();
            }
        }
    }

    private void Fail(RequestContext context, Deployment deployment, long start, JunctionError error, RoutingPolicy policy, Activity? activity)
    {
        JunctionTelemetry.SetError(activity, error.Status, error.Code ?? error.Kind.ToString(), error.Message);
        Finish(context, deployment, start, error.Status, error.Kind);
        deployment.State.RecordFailure(_timeProvider.GetUtcNow(), error, policy.Cooldown);
        Log.AttemptFailed(_logger, context.RequestId, deployment.Id, error.Status, error.Kind);
    }

    /// <summary>The group's deployments that have the capability (all of them, without copying, in the usual case).</summary>
    private static IReadOnlyList<Deployment> CandidatesFor<TProvider>(ModelGroup group)
    {
        var all = group.Deployments;
        var capable = 0;
        foreach (var d in all)
        {
            if (d.Provider is TProvider)
            {
                capable++;
            }
        }

        if (capable == all.Length)
        {
            return all;
        }

        var list = new List<Deployment>(capable);
        foreach (var d in all)
        {
            if (d.Provider is TProvider)
            {
                list.Add(d);
            }
        }

        return list;
    }

    private static TimeSpan? Shortest(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a < b ? a : b;

    private static TimeSpan Finish(RequestContext context, Deployment deployment, long start, int status, JunctionErrorKind? kind)
    {
        var end = Stopwatch.GetTimestamp();
        context.AddUpstreamTime(end - start);
        var latency = Stopwatch.GetElapsedTime(start, end);
        context.AddAttempt(new AttemptRecord(deployment.Id, deployment.ProviderName, status, kind, latency));
        return latency;
    }

    private static string CapabilityName<TProvider>() => typeof(TProvider).Name switch
    {
        nameof(IChatProvider) => "chat completions",
        nameof(ICompletionProvider) => "legacy completions",
        nameof(IEmbeddingProvider) => "embeddings",
        nameof(IImageProvider) => "image generation",
        nameof(ITranscriptionProvider) => "audio transcription and translation",
        var other => other,
    };

    private static string OperationName<TProvider>() => typeof(TProvider).Name switch
    {
        nameof(ICompletionProvider) => JunctionTelemetry.Operations.TextCompletion,
        nameof(IEmbeddingProvider) => JunctionTelemetry.Operations.Embeddings,
        _ => JunctionTelemetry.Operations.Chat,
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

    private static bool ShouldRetry(Exception? exception, ResilienceContext context)
    {
        if (exception is not JunctionException { Error: { IsRetryable: true } error } || error.Code == JunctionErrors.AllDeploymentsAtLimitCode)
        {
            return false;
        }

        var deadline = context.Properties.GetValue(DeadlineKey, null!);
        if (deadline.ClientCancelled || deadline.HasExpired)
        {
            return false;
        }

        // Waiting longer than the upstream asks is pointless; when coming back to a tried deployment, an
        // upstream asking for a long wait is better answered at once with its own Retry-After.
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

        [LoggerMessage(2, LogLevel.Warning, "Request {RequestId}: model {Model} failed ({Kind}); falling back to {Fallback}", EventName = "FallingBack")]
        public static partial void FallingBack(ILogger logger, string requestId, string model, string fallback, JunctionErrorKind kind);
    }
}
