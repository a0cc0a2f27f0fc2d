namespace Junction.Configuration;

/// <summary>
/// <c>routing.cooldown</c>: a deployment that fails <see cref="Failures"/> times within <see cref="WindowS"/> seconds
/// (or answers 429 or 401) is taken out of rotation for <see cref="DurationS"/> seconds. On by default;
/// <c>cooldown: off</c> turns it off.
/// </summary>
public sealed class CooldownOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Failures within the window that trigger a cooldown (<c>failures</c>), at least 1.</summary>
    public int Failures { get; set; } = 3;

    /// <summary>The window in which failures are counted, in seconds (<c>window_s</c>).</summary>
    public double WindowS { get; set; } = 60;

    /// <summary>How long a deployment stays out, in seconds (<c>duration_s</c>).</summary>
    public double DurationS { get; set; } = 30;

    internal static CooldownOptions Read(ConfigMap parent, string key)
    {
        if (parent.HasScalar(key))
        {
            var text = parent.String(key);
            if (text is not ("off" or "false"))
            {
                parent.AddError(key, "must be 'off' or a mapping with failures, window_s and duration_s");
            }

            return new CooldownOptions { Enabled = false };
        }

        var options = new CooldownOptions();
        if (parent.Map(key) is { } map)
        {
            options.Failures = map.Int("failures") ?? options.Failures;
            options.WindowS = map.Double("window_s") ?? options.WindowS;
            options.DurationS = map.Double("duration_s") ?? options.DurationS;
        }

        return options;
    }
}
