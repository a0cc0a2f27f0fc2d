using System.CommandLine;
using Junction.Storage;

namespace Junction.Cli.Commands;

/// <summary><c>junction db migrate --config f</c>: apply pending schema migrations to the configured storage.</summary>
internal static class DbCommand
{
    public static Command Create()
    {
        var config = ConfigFileLoader.CreateOption();
        var migrate = new Command("migrate", "Apply pending schema migrations to the governance database (the server also does this at startup).") { config };
        migrate.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var options = ConfigFileLoader.Load(parse.GetValue(config)!, error);
            if (options is null)
            {
                return 1;
            }

            await using var store = GovernanceStoreFactory.Create(options.Storage, TimeProvider.System);
            if (store is null)
            {
                error.WriteLine("junction: storage is off (set storage.provider, or auth.master_key for the SQLite default).");
                return 1;
            }

            var applied = await store.MigrateAsync(cancellationToken);
            output.WriteLine(applied.Count == 0
                ? $"{options.Storage.Provider}: the schema is up to date."
                : $"{options.Storage.Provider}: applied migration(s) {string.Join(", ", applied)}.");
            return 0;
        });
        return new Command("db", "Work with the governance database.") { migrate };
    }
}
