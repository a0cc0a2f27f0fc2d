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
}
