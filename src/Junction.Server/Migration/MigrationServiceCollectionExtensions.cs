using Junction.Configuration;
using Junction.Migration;
using Junction.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Junction.Server.Migration;

/// <summary>
/// Registers where shadow pairs and rollout state live — the governance database when <c>storage</c> is configured
/// (state survives restarts and is shared; every rollout transition goes to the audit log), memory otherwise (state is
/// lost on restart) — and the Redis announcement of rollout changes.
/// </summary>
internal static class MigrationServiceCollectionExtensions
{
    public static IServiceCollection AddJunctionMigration(this IServiceCollection services, JunctionOptions options)
    {
        services.AddSingleton<MigrationSync>();
        services.AddHostedService(sp => sp.GetRequiredService<MigrationSync>());
        services.AddSingleton(sp => new MigrationStorageHolder(SqlMigrationStorage.Open(options.Storage, sp.GetRequiredService<TimeProvider>())));
        services.AddSingleton(sp =>
        {
            var sql = sp.GetRequiredService<MigrationStorageHolder>().Storage;
            var sync = sp.GetRequiredService<MigrationSync>();
            return (sql?.ToStores() ?? MigrationStores.InMemory()) with
            {
                SchemaValidator = new JsonSchemaValidator(),
                OnRolloutTransition = sync.Announce,
            };
        });
        return services;
    }

    /// <summary>Owns the database stores (null when storage is off) so the container disposes them.</summary>
    private sealed class MigrationStorageHolder(SqlMigrationStorage? storage) : IAsyncDisposable
    {
        public SqlMigrationStorage? Storage { get; } = storage;

        public ValueTask DisposeAsync() => Storage?.DisposeAsync() ?? ValueTask.CompletedTask;
    }
}
