using System.Text.Json;
using Junction.Resilience;

namespace Junction.Routing;

/// <summary>
/// Per-request routing overrides, sent by clients as the JSON header <c>x-junction-config</c> (or, in-process, through
/// <c>ChatOptions.AdditionalProperties</c>): <c>{"fallbacks":[...],"retries":0,"timeout_s":5,"attempt_timeout_s":2,
/// "first_token_timeout_s":1,"strategy":"latency"}</c>. Unknown keys and wrong types are a 400.
/// </summary>
public sealed record RoutingOverrides
{
    public const string HeaderName = "x-junction-config";

    public IReadOnlyList<string>? Fallbacks { get; init; }
    public int? Retries { get; init; }
    public double? TimeoutS { get; init; }
    public double? AttemptTimeoutS { get; init; }
    public double? FirstTokenTimeoutS { get; init; }
    public string? Strategy { get; init; }

    /// <summary>Parses and validates the header; throws a 400 <see cref="JunctionException"/> naming the problem.</summary>
    public static RoutingOverrides Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            throw Invalid("is not valid JSON");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Invalid("must be a JSON object");
            }

            var result = new RoutingOverrides();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var value = property.Value;
                result = property.Name switch
                {
                    "fallbacks" => result with { Fallbacks = StringArray(value, "fallbacks") },
                    "retries" => result with { Retries = Int(value, "retries", 0, 10) },
                    "timeout_s" => result with { TimeoutS = Seconds(value, "timeout_s") },
                    "attempt_timeout_s" => result with { AttemptTimeoutS = Seconds(value, "attempt_timeout_s") },
                    "first_token_timeout_s" => result with { FirstTokenTimeoutS = Seconds(value, "first_token_timeout_s") },
                    "strategy" => result with { Strategy = ParseStrategy(value) },
                    _ => throw Invalid($"has an unknown key '{Truncate(property.Name)}'; allowed: fallbacks, retries, timeout_s, attempt_timeout_s, first_token_timeout_s, strategy"),
                };
            }

            return result;
        }
    }

    /// <summary>The policy with these overrides applied.</summary>
    public RoutingPolicy ApplyTo(RoutingPolicy policy) => policy with
    {
        Retries = Retries ?? policy.Retries,
        Timeout = TimeoutS is { } t ? TimeSpan.FromSeconds(t) : policy.Timeout,
        AttemptTimeout = AttemptTimeoutS is { } a ? TimeSpan.FromSeconds(a) : policy.AttemptTimeout,
        FirstTokenTimeout = FirstTokenTimeoutS is { } f ? TimeSpan.FromSeconds(f) : policy.FirstTokenTimeout,
        Fallbacks = Fallbacks is { } fallbacks ? [.. fallbacks] : policy.Fallbacks,
        Strategy = Strategy is { } s ? Strategies.RoutingStrategies.Get(s) : policy.Strategy,
    };

    private static string[] StringArray(JsonElement value, string key)
    {
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
        {
            throw Invalid($"'{key}' must be an array of model names");
        }

        return [.. value.EnumerateArray().Select(v => v.GetString()!)];
    }

    private static int Int(JsonElement value, string key, int min, int max) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= min && n <= max
            ? n
            : throw Invalid($"'{key}' must be an integer from {min} to {max}");

    private static double Seconds(JsonElement value, string key) =>
        value.ValueKind == JsonValueKind.Number && value.GetDouble() is var s && s > 0 && double.IsFinite(s)
            ? s
            : throw Invalid($"'{key}' must be a number of seconds greater than 0");

    private static string ParseStrategy(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && Strategies.RoutingStrategies.TryGet(value.GetString()!, out _)
            ? value.GetString()!
            : throw Invalid($"'strategy' must be one of {string.Join(", ", Configuration.RoutingStrategyNames.All)}");

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "...";

    private static JunctionException Invalid(string problem) =>
        new(JunctionErrors.InvalidRequest($"The {HeaderName} header {problem}.", HeaderName, "invalid_routing_config"));
}
