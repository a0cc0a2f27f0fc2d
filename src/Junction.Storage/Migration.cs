namespace Junction.Storage;

/// <summary>One embedded migration: <c>Migrations/{dialect}/NNNN_name.sql</c>.</summary>
internal sealed record Migration(int Version, string Name, string Sql);
