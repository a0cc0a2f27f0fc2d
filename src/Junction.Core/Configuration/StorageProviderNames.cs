namespace Junction.Configuration;

/// <summary>The values of <c>storage.provider</c>.</summary>
public static class StorageProviderNames
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";
    public const string Off = "off";

    public static readonly string[] All = [Sqlite, Postgres, Off];
}
