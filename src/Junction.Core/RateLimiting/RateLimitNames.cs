namespace Junction.RateLimiting;

/// <summary>The limit names used in errors, logs and docs.</summary>
public static class RateLimitNames
{
    public const string Rpm = "rpm";
    public const string Tpm = "tpm";
    public const string MaxParallel = "max_parallel";
}
