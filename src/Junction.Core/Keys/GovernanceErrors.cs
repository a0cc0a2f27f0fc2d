using Junction.Resilience;

namespace Junction.Keys;

/// <summary>The errors of virtual keys, roles, rate limits and budgets, in OpenAI's shape.</summary>
public static class GovernanceErrors
{
    public const string BudgetExceededCode = "budget_exceeded";
    public const string RateLimitExceededCode = "rate_limit_exceeded";

    public static JunctionError KeyRefused(string reason) =>
        JunctionErrors.Unauthorized($"This API key is {reason}. Ask your Junction administrator for a new key.");

    public static JunctionError UnknownKey() =>
        JunctionErrors.Unauthorized("Incorrect API key provided. Use a key issued for this Junction gateway.");

    public static JunctionError ModelNotAllowed(string model) =>
        new(403, JunctionErrorKind.PermissionDenied, "permission_error",
            $"This API key is not allowed to use the model '{model}'.")
        { Param = "model", Code = "model_not_allowed" };

    public static JunctionError Forbidden(string message) =>
        new(403, JunctionErrorKind.PermissionDenied, "permission_error", message) { Code = "forbidden" };

    public static JunctionError RateLimited(string scope, string limit, int? value, TimeSpan retryAfter) =>
        new(429, JunctionErrorKind.RateLimited, "rate_limit_error",
            $"Rate limit reached for {Describe(scope)}: {limit} {value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""}. " +
            $"Retry after {Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds))} s.")
        { Code = RateLimitExceededCode, RetryAfter = retryAfter };

    public static JunctionError BudgetExceeded(string scope, DateTimeOffset? resetsAt, TimeSpan? retryAfter) =>
        new(429, JunctionErrorKind.QuotaExceeded, "insufficient_quota",
            $"The budget of {Describe(scope)} is exhausted" +
            (resetsAt is { } reset ? $"; it resets at {reset.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}." : "; it does not reset (period 'total')."))
        { Code = BudgetExceededCode, RetryAfter = retryAfter };

    /// <summary><c>key:abc</c> becomes <c>key 'abc'</c>.</summary>
    private static string Describe(string scope)
    {
        var colon = scope.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? scope : $"{scope[..colon]} '{scope[(colon + 1)..]}'";
    }
}
