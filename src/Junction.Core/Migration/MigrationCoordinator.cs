using System.Collections.Frozen;
using Junction.Configuration;
using Junction.Protocol.OpenAI;
using Junction.Routing;
using Microsoft.Extensions.Logging;

namespace Junction.Migration;

/// <summary>
/// Safe-migration features for the models that configure them: shadow traffic, recording, and percentage rollouts.
/// Sees every finished chat request of those models (<see cref="IChatExchangeObserver"/>) and hands it to each feature
/// without making the client wait.
/// </summary>
public sealed class MigrationCoordinator : IChatExchangeObserver, IAsyncDisposable
{
    private readonly FrozenDictionary<string, ShadowRunner> _shadows;
    private readonly FrozenDictionary<string, RecordingWriter> _recorders;
    private readonly TimeProvider _timeProvider;

    public MigrationCoordinator(JunctionOptions options, JunctionRouter router, MigrationStores stores, TimeProvider timeProvider,
        IRandomSource random, ILoggerFactory loggerFactory, Func<Deployment?, Usage?, decimal?>? cost = null, ISchemaValidator? schemaValidator = null)
    {
        _timeProvider = timeProvider;
        ShadowStore = stores.Shadows;
        var comparer = new ShadowComparer(schemaValidator);
        var logger = loggerFactory.CreateLogger<MigrationCoordinator>();
        _shadows = options.Models.Where(m => m.Shadow is not null).ToFrozenDictionary(
            m => m.Name,
            m => new ShadowRunner(m.Name, m.Shadow!, router, comparer, stores.Shadows, random, timeProvider, cost, options.Logging.StoreContent, logger),
            StringComparer.Ordinal);
        _recorders = options.Models.Where(m => m.Recording is not null).ToFrozenDictionary(
            m => m.Name,
            m => new RecordingWriter(m.Recording!.File, m.Recording.Sample, new Redactor(m.Recording.Redact), random),
            StringComparer.Ordinal);
        Rollouts = new RolloutManager(
            options.Models.Where(m => m.Rollout is not null).Select(m => (m.Name, ToPolicy(m.Rollout!))),
            stores.Rollouts, timeProvider, random, loggerFactory.CreateLogger<RolloutManager>(), stores.OnRolloutTransition);
    }

    public RolloutManager Rollouts { get; }

    public IShadowStore ShadowStore { get; }

    public bool TryGetShadow(string model, out ShadowRunner runner) => _shadows.TryGetValue(model, out runner!);

    public bool TryGetRecorder(string model, out RecordingWriter writer) => _recorders.TryGetValue(model, out writer!);

    public bool Wants(string model) => _shadows.ContainsKey(model) || _recorders.ContainsKey(model) || Rollouts.Has(model);

    public void OnChatCompleted(ChatExchange exchange)
    {
        if (exchange.Context.Model is not { } model)
        {
            return;
        }

        Rollouts.Record(exchange.Context, exchange.Error is null, exchange.Latency);
        if (_recorders.TryGetValue(model, out var recorder) && recorder.ShouldRecord())
        {
            recorder.Write(RecordingRedaction.Create(exchange.Context.RequestId, _timeProvider.GetUtcNow(), exchange.Request,
                exchange.Response, exchange.Status, exchange.Latency, recorder.Redactor));
        }

        // Requests a rollout sent to the new side are not shadowed: they already are the comparison.
        if (exchange.Context.RolloutTarget is null && _shadows.TryGetValue(model, out var shadow))
        {
            shadow.Mirror(exchange);
        }
    }

    public static RolloutPolicy ToPolicy(RolloutOptions options) =>
        new(options.To, options.Steps, TimeSpan.FromSeconds(options.StepAfterS), options.MinRequests)
        {
            ErrorRateAbove = options.ErrorRateAbove,
            P95LatencyRatioAbove = options.P95LatencyRatioAbove,
            StickyBy = options.StickyBy,
        };

    public async ValueTask DisposeAsync()
    {
        await Rollouts.DisposeAsync().ConfigureAwait(false);
        foreach (var shadow in _shadows.Values)
        {
            await shadow.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var recorder in _recorders.Values)
        {
            await recorder.DisposeAsync().ConfigureAwait(false);
        }
    }
}
