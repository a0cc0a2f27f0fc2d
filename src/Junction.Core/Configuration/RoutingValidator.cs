namespace Junction.Configuration;

/// <summary>Checks a model's <c>routing</c> block beyond retries and timeout: strategy, timeouts, fallbacks, cooldown.</summary>
internal static class RoutingValidator
{
    public static void Validate(RoutingOptions routing, string modelName, List<ModelOptions> models, string path, int? line, List<ConfigError> errors)
    {
        if (routing.Strategy is { } strategy)
        {
            RouterOptionsValidator.CheckStrategy(strategy, $"{path}.routing.strategy", line, errors);
        }

        if (routing.AttemptTimeoutS is { } attempt)
        {
            RouterOptionsValidator.CheckTimeout(attempt, $"{path}.routing.attempt_timeout_s", line, errors);
        }

        if (routing.FirstTokenTimeoutS is { } firstToken)
        {
            RouterOptionsValidator.CheckTimeout(firstToken, $"{path}.routing.first_token_timeout_s", line, errors);
        }

        CheckFallbacks(routing.Fallbacks, "fallbacks");
        CheckFallbacks(routing.ContextWindowFallbacks, "context_window_fallbacks");
        CheckFallbacks(routing.ContentPolicyFallbacks, "content_policy_fallbacks");

        if (routing.Cooldown is { Enabled: true } cooldown)
        {
            if (cooldown.Failures < 1)
            {
                errors.Add(new($"{path}.routing.cooldown.failures", line, "must be at least 1"));
            }

            RouterOptionsValidator.CheckTimeout(cooldown.WindowS, $"{path}.routing.cooldown.window_s", line, errors);
            RouterOptionsValidator.CheckTimeout(cooldown.DurationS, $"{path}.routing.cooldown.duration_s", line, errors);
        }

        void CheckFallbacks(List<string>? fallbacks, string key)
        {
            for (var i = 0; i < (fallbacks?.Count ?? 0); i++)
            {
                var name = fallbacks![i];
                if (name == modelName)
                {
                    errors.Add(new($"{path}.routing.{key}[{i}]", line, "must not name the model itself"));
                }
                else if (!models.Any(m => m.Name == name))
                {
                    errors.Add(new($"{path}.routing.{key}[{i}]", line, "names a model that is not in models"));
                }
            }
        }
    }
}
