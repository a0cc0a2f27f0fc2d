using Junction.Migration;

namespace Junction.Configuration;

/// <summary>Checks each model's <c>shadow</c>, <c>rollout</c> and <c>recording</c> blocks.</summary>
internal static class MigrationValidator
{
    public static void Validate(List<ModelOptions> models, List<ConfigError> errors)
    {
        for (var i = 0; i < models.Count; i++)
        {
            var model = models[i];
            var path = ConfigPaths.Model(i);
            var line = ConfigPaths.Line(model.Line);
            if (model.Shadow is { } shadow)
            {
                CheckTarget(shadow.Target, model, models, $"{path}.shadow.target", line, errors);
                CheckFraction(shadow.Sample, $"{path}.shadow.sample", line, errors);
                if (shadow.MaxInFlight < 1)
                {
                    errors.Add(new($"{path}.shadow.max_in_flight", line, "must be at least 1"));
                }

                for (var c = 0; c < shadow.Compare.Count; c++)
                {
                    if (!ShadowCompareNames.All.Contains(shadow.Compare[c]))
                    {
                        errors.Add(new($"{path}.shadow.compare[{c}]", line, $"must be one of {string.Join(", ", ShadowCompareNames.All)}"));
                    }
                }
            }

            if (model.Rollout is { } rollout)
            {
                CheckTarget(rollout.To, model, models, $"{path}.rollout.to", line, errors);
                if (rollout.Steps.Count == 0 || rollout.Steps.Any(s => !(s > 0 && s <= 100)) ||
                    rollout.Steps.Zip(rollout.Steps.Skip(1)).Any(p => p.Second <= p.First))
                {
                    errors.Add(new($"{path}.rollout.steps", line, "must be increasing percentages, each above 0 and at most 100"));
                }

                RouterOptionsValidator.CheckTimeout(rollout.StepAfterS, $"{path}.rollout.step_after_s", line, errors);
                if (rollout.MinRequests < 0)
                {
                    errors.Add(new($"{path}.rollout.min_requests", line, "must be 0 or more"));
                }

                if (rollout.ErrorRateAbove is { } rate)
                {
                    CheckFraction(rate, $"{path}.rollout.rollback_if.error_rate_above", line, errors);
                }

                if (rollout.P95LatencyRatioAbove is { } ratio && !(ratio > 0))
                {
                    errors.Add(new($"{path}.rollout.rollback_if.p95_latency_ratio_above", line, "must be greater than 0"));
                }

                if (rollout.StickyBy is not ("key" or "user") && !(rollout.StickyBy.StartsWith("metadata.", StringComparison.Ordinal) && rollout.StickyBy.Length > 9))
                {
                    errors.Add(new($"{path}.rollout.sticky_by", line, "must be key, user or metadata.<field>"));
                }
            }

            if (model.Recording is { } recording)
            {
                CheckFraction(recording.Sample, $"{path}.recording.sample", line, errors);
                if (string.IsNullOrWhiteSpace(recording.File))
                {
                    errors.Add(new($"{path}.recording.file", line, "is required"));
                }

                for (var r = 0; r < recording.Redact.Count; r++)
                {
                    if (!Redactor.All.Contains(recording.Redact[r]))
                    {
                        errors.Add(new($"{path}.recording.redact[{r}]", line, $"must be one of {string.Join(", ", Redactor.All)}"));
                    }
                }
            }
        }
    }

    private static void CheckTarget(string target, ModelOptions model, List<ModelOptions> models, string path, int? line, List<ConfigError> errors)
    {
        if (string.IsNullOrEmpty(target))
        {
            errors.Add(new(path, line, "is required"));
        }
        else if (target == model.Name)
        {
            errors.Add(new(path, line, "must not name the model itself"));
        }
        else if (!models.Any(m => m.Name == target))
        {
            errors.Add(new(path, line, "names a model that is not in models"));
        }
    }

    private static void CheckFraction(double value, string path, int? line, List<ConfigError> errors)
    {
        if (!(value >= 0 && value <= 1))
        {
            errors.Add(new(path, line, "must be between 0 and 1"));
        }
    }
}
