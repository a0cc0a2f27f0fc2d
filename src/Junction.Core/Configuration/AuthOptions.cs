namespace Junction.Configuration;

/// <summary>The <c>auth</c> block.</summary>
public sealed class AuthOptions
{
    /// <summary>The master key (<c>master_key</c>); a secret. Null (also when empty after expansion) means no master key.</summary>
    public string? MasterKey { get; set; }

    internal static AuthOptions Read(ConfigMap map) => new()
    {
        MasterKey = map.Secret("master_key"),
    };
}
