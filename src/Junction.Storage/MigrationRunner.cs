using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Junction.Storage;

/// <summary>
/// Applies the embedded migrations of a dialect in version order. Each runs in its own transaction together with its
/// row in <c>schema_migrations</c>, after re-reading the applied versions under the migration lock, so a failure leaves
/// the previous version intact and concurrent starts apply each version once. A database newer than this Junction is refused.
/// </summary>
internal static partial class MigrationRunner
{
    private const string CreateTable =
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)";

    public static IReadOnlyList<Migration> Load(string dialect)
    {
        var assembly = typeof(MigrationRunner).Assembly;
        var prefix = $"Junction.Storage.Migrations.{dialect}.";
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var name = resource.Replace('/', '.').Replace('\\', '.');
            if (!name.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var file = name[prefix.Length..];
            var match = FileName().Match(file);
            if (!match.Success)
            {
                throw new InvalidOperationException($"Migration '{file}' is not named NNNN_name.sql.");
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new Migration(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value, reader.ReadToEnd()));
        }

        return [.. migrations.OrderBy(static m => m.Version)];
    }

    public static async Task<IReadOnlyList<int>> MigrateAsync(SqlDialect dialect, long nowMs, CancellationToken cancellationToken)
    {
        var migrations = Load(dialect.Name);
        var applied = new List<int>();
        var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionLifetime = connection.ConfigureAwait(false);
        await dialect.PrepareAsync(connection, cancellationToken).ConfigureAwait(false);
        foreach (var migration in migrations)
        {
            var transaction = await dialect.BeginMigrationAsync(connection, cancellationToken).ConfigureAwait(false);
            await using var transactionLifetime = transaction.ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, CreateTable, cancellationToken).ConfigureAwait(false);
            var done = await AppliedVersionsAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            if (done.Except(migrations.Select(static m => m.Version)).Any())
            {
                throw new InvalidOperationException(
                    $"The database schema has version {done.Max()}, newer than this Junction knows ({migrations[^1].Version}). Upgrade Junction.");
            }

            // Each version is applied once, by its own number: a database that somehow has a later version but not an
            // earlier one still gets the earlier one.
            if (done.Contains(migration.Version))
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken).ConfigureAwait(false);
            var record = connection.CreateCommand();
            await using (record.ConfigureAwait(false))
            {
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @at)";
                Sql.Add(record, "version", migration.Version);
                Sql.Add(record, "name", migration.Name);
                Sql.Add(record, "at", nowMs);
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            applied.Add(migration.Version);
        }

        return applied;
    }

    /// <summary>Every applied version.</summary>
    private static async Task<HashSet<int>> AppliedVersionsAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using var commandLifetime = command.ConfigureAwait(false);
        command.Transaction = transaction;
        command.CommandText = "SELECT version FROM schema_migrations";
        var versions = new HashSet<int>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                versions.Add(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture));
            }
        }

        return versions;
    }

    /// <summary>The highest applied version; 0 for an empty database.</summary>
    public static async Task<int> CurrentVersionAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using var commandLifetime = command.ConfigureAwait(false);
        command.Transaction = transaction;
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using var commandLifetime = command.ConfigureAwait(false);
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    [GeneratedRegex(@"^(\d{4})_([a-z0-9_]+)\.sql$")]
    private static partial Regex FileName();
}
