using System.Data.Common;
using System.Globalization;

namespace Junction.Storage;

/// <summary>Small ADO.NET helpers shared by both dialects: parameters and typed reads that tolerate INTEGER vs BIGINT.</summary>
internal static class Sql
{
    public static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    public static string? String(DbDataReader reader, string column)
    {
        var i = reader.GetOrdinal(column);
        return reader.IsDBNull(i) ? null : reader.GetString(i);
    }

    public static long? Long(DbDataReader reader, string column)
    {
        var i = reader.GetOrdinal(column);
        return reader.IsDBNull(i) ? null : Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture);
    }

    public static int? Int(DbDataReader reader, string column) => Long(reader, column) is { } v ? (int)v : null;

    public static DateTimeOffset? Time(DbDataReader reader, string column) =>
        Long(reader, column) is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    public static long? Ms(DateTimeOffset? time) => time?.ToUnixTimeMilliseconds();

    /// <summary>Runs a query on a fresh connection and maps every row.</summary>
    public static async Task<IReadOnlyList<T>> ReadManyAsync<T>(SqlDialect dialect, string sql, Action<DbCommand> bind, Func<DbDataReader, T> read,
        CancellationToken cancellationToken)
    {
        var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionLifetime = connection.ConfigureAwait(false);
        var command = connection.CreateCommand();
        await using var commandLifetime = command.ConfigureAwait(false);
        command.CommandText = sql;
        bind(command);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerLifetime = reader.ConfigureAwait(false);
        var items = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(read(reader));
        }

        return items;
    }
}
