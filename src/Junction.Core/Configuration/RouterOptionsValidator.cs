namespace Junction.Configuration;

/// <summary>Checks the <c>router</c> block.</summary>
internal static class RouterOptionsValidator
{
    public const int MaxRetries = 10;

    public static void Validate(RouterOptions router, List<ConfigError> errors)
    {
        CheckRetries(router.DefaultRetries, "router.default_retries", null, errors);
        CheckTimeout(router.DefaultTimeoutS, "router.default_timeout_s", null, errors);
        CheckStrategy(router.DefaultStrategy, "router.default_strategy", null, errors);
    }

    public static void CheckStrategy(string strategy, string path, int? line, List<ConfigError> errors)
    {
        if (!RoutingStrategyNames.All.Contains(strategy))
        {
            errors.Add(new(path, line, $"must be one of {string.Join(", ", RoutingStrategyNames.All)}"));
        }
    }

    public static void CheckRetries(int retries, string path, int? line, List<ConfigError> errors)
    {
        if (retries is < 0 or > MaxRetries)
        {
            errors.Add(new(path, line, $"must be between 0 and {MaxRetries}"));
        }
    }

    public static void CheckTimeout(double seconds, string path, int? line, List<ConfigError> errors)
    {
        if (!(seconds > 0) || !double.IsFinite(seconds))
        {
            errors.Add(new(path, line, "must be greater than 0"));
        }
    }
}
