using System.Collections.Frozen;
using Junction.Protocol.OpenAI;
using Junction.Routing;
using Microsoft.Extensions.Logging;

namespace Junction.Migration;

/// <summary>
/// Runs the percentage rollouts: splits each rolled-out model's chat traffic by a stable hash of the sticky field,
/// keeps both sides' figures for the current step, evaluates the rules every few seconds (promote, complete, roll back),
/// applies people's commands, and persists every transition (compare-and-set, so instances agree) and reports it.
/// Figures are per instance; the state is shared.
/// </summary>
public sealed partial class RolloutManager : IChatRedirect, IAsyncDisposable
{
    private readonly FrozenDictionary<string, Rollout> _rollouts;
    private readonly IRolloutStateStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly IRandomSource _random;
    private readonly ILogger _logger;
    private readonly Action<RolloutTransition>? _onTransition;
    private readonly CancellationTokenSource _shutdown = new();
    private Task? _loop;

    public RolloutManager(IEnumerable<(string Model, RolloutPolicy Policy)> rollouts, IRolloutStateStore store, TimeProvider timeProvider,
        IRandomSource random, ILogger logger, Action<RolloutTransition>? onTransition = null)
    {
        _rollouts = rollouts.ToFrozenDictionary(r => r.Model, r => new Rollout(r.Model, r.Policy), StringComparer.Ordinal);
        _store = store;
        _timeProvider = timeProvider;
        _random = random;
        _logger = logger;
        _onTransition = onTransition;
    }

    /// <summary>How often the rules are evaluated and the shared state re-read.</summary>
    public static TimeSpan Interval { get; } = TimeSpan.FromSeconds(5);

    public bool Has(string model) => _rollouts.ContainsKey(model);

    public IEnumerable<string> Models => _rollouts.Keys;

    /// <summary>Loads (or starts) every rollout's state and starts the evaluation loop.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var rollout in _rollouts.Values)
        {
            var stored = await _store.GetAsync(rollout.Model, cancellationToken).ConfigureAwait(false);
            if (stored is null || stored.Target != rollout.Policy.Target)
            {
                // A new rollout (or a new target) starts at the first step: a transition like any other, audited and
                // reported; when another instance starts it first, the compare-and-set fails and its state is adopted.
                var started = RolloutState.Start(rollout.Model, rollout.Policy, _timeProvider.GetUtcNow()) with { Version = (stored?.Version ?? 0) + 1 };
                var from = stored ?? started with { Version = 0, Reason = null };
                rollout.Adopt(from);
                var transition = new RolloutTransition("start", from, started, started.Reason!, SideStats.Empty, SideStats.Empty, RolloutStateMachine.System);
                await ApplyAsync(rollout, transition, cancellationToken).ConfigureAwait(false);
                continue;
            }

            rollout.Adopt(stored);
        }

        _loop = _rollouts.Count == 0 ? Task.CompletedTask : Task.Run(LoopAsync, CancellationToken.None);
    }

    public string? Redirect(string model, ChatCompletionRequest request, RequestContext context)
    {
        if (!_rollouts.TryGetValue(model, out var rollout))
        {
            return null;
        }

        var state = rollout.State;
        context.InRollout = true;
        var sticky = StickyValue(rollout.Policy.StickyBy, request, context);
        if (!StickySplit.ToNewSide(sticky, model, state.Percent(rollout.Policy)))
        {
            return null;
        }

        context.RolloutTarget = rollout.Policy.Target;
        return rollout.Policy.Target;
    }

    /// <summary>Counts a finished request of a rolled-out model on its side.</summary>
    public void Record(RequestContext context, bool success, TimeSpan latency)
    {
        if (context.InRollout && context.Model is { } model && _rollouts.TryGetValue(model, out var rollout))
        {
            rollout.Window(context.RolloutTarget is not null).Record(success, latency, _random.NextDouble());
        }
    }

    /// <summary>Applies the rules to every rollout now; returns the transitions made.</summary>
    public async Task<IReadOnlyList<RolloutTransition>> EvaluateAsync(CancellationToken cancellationToken)
    {
        var transitions = new List<RolloutTransition>();
        foreach (var rollout in _rollouts.Values)
        {
            await RefreshAsync(rollout, cancellationToken).ConfigureAwait(false);
            var transition = RolloutStateMachine.Evaluate(rollout.State, rollout.Policy, rollout.Window(false).Snapshot(),
                rollout.Window(true).Snapshot(), _timeProvider.GetUtcNow());
            if (transition is not null && await ApplyAsync(rollout, transition, cancellationToken).ConfigureAwait(false))
            {
                transitions.Add(transition);
            }
        }

        return transitions;
    }

    /// <summary>A person's command: <c>pause</c>, <c>resume</c>, <c>promote</c> or <c>rollback</c>.</summary>
    public async Task<RolloutTransition> CommandAsync(string model, string action, string actor, CancellationToken cancellationToken)
    {
        if (!_rollouts.TryGetValue(model, out var rollout))
        {
            throw new KeyNotFoundException($"The model '{model}' has no rollout.");
        }

        await RefreshAsync(rollout, cancellationToken).ConfigureAwait(false);
        var now = _timeProvider.GetUtcNow();
        var transition = action switch
        {
            "pause" => RolloutStateMachine.Pause(rollout.State, now, actor),
            "resume" => RolloutStateMachine.Resume(rollout.State, now, actor),
            "promote" => RolloutStateMachine.Promote(rollout.State, rollout.Policy, now, actor),
            "rollback" => RolloutStateMachine.Rollback(rollout.State, now, actor),
            _ => throw new ArgumentException($"Unknown rollout action '{action}'; use pause, resume, promote or rollback.", nameof(action)),
        };
        transition = transition with { Old = rollout.Window(false).Snapshot(), New = rollout.Window(true).Snapshot() };
        if (!await ApplyAsync(rollout, transition, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException("Another instance changed this rollout at the same moment; try again.");
        }

        return transition;
    }

    /// <summary>Every rollout's state, policy and current figures.</summary>
    public IReadOnlyList<RolloutView> Status() =>
        [.. _rollouts.Values.Select(r => new RolloutView(r.Model, r.State, r.Policy, r.State.Percent(r.Policy), r.Window(false).Snapshot(), r.Window(true).Snapshot()))];

    /// <summary>
    /// Re-reads one rollout's shared state now (another instance announced a change) instead of at the next evaluation;
    /// false when the model has no rollout here.
    /// </summary>
    public async Task<bool> RefreshAsync(string model, CancellationToken cancellationToken = default)
    {
        if (!_rollouts.TryGetValue(model, out var rollout))
        {
            return false;
        }

        await RefreshAsync(rollout, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task<bool> ApplyAsync(Rollout rollout, RolloutTransition transition, CancellationToken cancellationToken)
    {
        transition = transition with { FromPercent = transition.From.Percent(rollout.Policy), ToPercent = transition.To.Percent(rollout.Policy) };
        if (!await _store.TrySaveAsync(transition, cancellationToken).ConfigureAwait(false))
        {
            await RefreshAsync(rollout, cancellationToken).ConfigureAwait(false);
            return false;
        }

        rollout.Adopt(transition.To);
        Log.Transition(_logger, rollout.Model, transition.Action, transition.To.Percent(rollout.Policy), transition.Reason, transition.Actor);
        _onTransition?.Invoke(transition);
        return true;
    }

    private async Task RefreshAsync(Rollout rollout, CancellationToken cancellationToken)
    {
        if (await _store.GetAsync(rollout.Model, cancellationToken).ConfigureAwait(false) is { } stored && stored.Version > rollout.State.Version)
        {
            rollout.Adopt(stored);
        }
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(Interval, _timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(_shutdown.Token).ConfigureAwait(false))
            {
                try
                {
                    await EvaluateAsync(_shutdown.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Log.EvaluationFailed(_logger, ex);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    private static string StickyValue(string stickyBy, ChatCompletionRequest request, RequestContext context) => stickyBy switch
    {
        "user" => request.User ?? context.CallerId ?? context.RequestId,
        _ when stickyBy.StartsWith("metadata.", StringComparison.Ordinal) =>
            context.ClientMetadata is { } metadata && metadata.TryGetValue(stickyBy["metadata.".Length..], out var value)
                ? value
                : context.CallerId ?? context.RequestId,
        _ => context.CallerId ?? request.User ?? context.RequestId,
    };

    public async ValueTask DisposeAsync()
    {
        await _shutdown.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        _shutdown.Dispose();
    }

    private sealed class Rollout(string model, RolloutPolicy policy)
    {
        private RolloutWindow _old = new();
        private RolloutWindow _new = new();
        private RolloutState _state = RolloutState.Start(model, policy, DateTimeOffset.UnixEpoch);

        public string Model { get; } = model;
        public RolloutPolicy Policy { get; } = policy;
        public RolloutState State => Volatile.Read(ref _state);

        public RolloutWindow Window(bool newSide) => newSide ? Volatile.Read(ref _new) : Volatile.Read(ref _old);

        /// <summary>Takes a state; a new step (or status) starts fresh windows so each step is judged on its own figures.</summary>
        public void Adopt(RolloutState state)
        {
            var previous = Volatile.Read(ref _state);
            Volatile.Write(ref _state, state);
            if (previous.StepIndex != state.StepIndex || previous.Status != state.Status || previous.StepStartedAt != state.StepStartedAt)
            {
                Volatile.Write(ref _old, new RolloutWindow());
                Volatile.Write(ref _new, new RolloutWindow());
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Rollout of {Model}: {Action} to {Percent}% ({Reason}) by {Actor}", EventName = "RolloutTransition")]
        public static partial void Transition(ILogger logger, string model, string action, double percent, string reason, string actor);

        [LoggerMessage(2, LogLevel.Error, "Rollout evaluation failed", EventName = "RolloutEvaluationFailed")]
        public static partial void EvaluationFailed(ILogger logger, Exception exception);
    }
}
