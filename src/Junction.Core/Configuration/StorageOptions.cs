namespace Junction.Configuration;

/// <summary>
/// The <c>storage</c> block: where virtual keys, teams, users, the audit log and budget counters live.
/// Unset, it defaults (at validation) to SQLite in <c>junction.db</c> when a master key is set, and to <c>off</c> otherwise.
/// </summary>
public sealed class StorageOptions
{
    /// <summary>The default SQLite connection string.</summary>
    public const string DefaultSqliteConnection = "Data Source=junction.db";

    /// <summary><c>sqlite</c>, <c>postgres</c> or <c>off</c> (<c>provider</c>); null until validation applies the default.</summary>
    public string? Provider { get; set; }

    /// <summary>The ADO.NET connection string (<c>connection</c>); a secret, never echoed.</summary>
    public string? Connection { get; set; }

    /// <summary>Whether governance storage is in use (after validation).</summary>
    public bool Enabled => Provider is StorageProviderNames.Sqlite or StorageProviderNames.Postgres;

    internal static StorageOptions Read(ConfigMap map) => new()
    {
        Provider = map.OptionalString("provider"),
        Connection = map.Secret("connection"),
    };
}
