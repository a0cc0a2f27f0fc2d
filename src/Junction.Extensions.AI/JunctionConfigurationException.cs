using Junction.Configuration;

namespace Junction.Extensions.AI;

/// <summary>The Junction configuration (YAML or code) is invalid; <see cref="Errors"/> lists every problem by key path and line.</summary>
public sealed class JunctionConfigurationException : Exception
{
    public JunctionConfigurationException(IReadOnlyList<ConfigError> errors)
        : base(Describe(errors)) => Errors = errors;

    public IReadOnlyList<ConfigError> Errors { get; }

    private static string Describe(IReadOnlyList<ConfigError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return "The Junction configuration is invalid:" + string.Concat(errors.Select(e => Environment.NewLine + "  " + e));
    }
}
