using Junction.Configuration;
using Junction.Pricing;
using Junction.Spend;
using Junction.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Junction.Server.Spend;

/// <summary>Registers pricing (always), the tokenizer for streams without usage, and the spend log when storage is on.</summary>
internal static class SpendServiceCollectionExtensions
{
    public static IServiceCollection AddJunctionSpend(this IServiceCollection services, JunctionOptions options)
    {
        services.TryAddSingleton<ICostEstimator>(sp => new PriceCostEstimator(sp.GetRequiredService<ILogger<PriceCostEstimator>>()));
        services.TryAddSingleton<ITokenCounter, TiktokenTokenCounter>();
        services.AddSingleton(sp =>
        {
            var timeProvider = sp.GetRequiredService<TimeProvider>();
            if (!options.Spend.Enabled || SpendStoreFactory.Create(options.Storage, timeProvider) is not { } store)
            {
                return new SpendAccessor();
            }

            var writer = new SpendLogWriter(store, new SpendLogOptions
            {
                BatchSize = options.Spend.BatchSize,
                FlushInterval = TimeSpan.FromMilliseconds(options.Spend.FlushIntervalMs),
                OutboxPath = options.Spend.Outbox,
                StoreContent = options.Logging.StoreContent,
            }, timeProvider, sp.GetRequiredService<ILogger<SpendLogWriter>>());
            return new SpendAccessor { Store = store, Writer = writer };
        });
        services.AddSingleton<IRequestObserver>(sp => sp.GetRequiredService<SpendAccessor>().Writer is { } writer ? writer : NoObserver.Instance);
        services.AddHostedService<SpendLogService>();
        return services;
    }

    private sealed class NoObserver : IRequestObserver
    {
        public static readonly NoObserver Instance = new();

        public void OnRequestCompleted(RequestCompleted request)
        {
        }
    }
}
