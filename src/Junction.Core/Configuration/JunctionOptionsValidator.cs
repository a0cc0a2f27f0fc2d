namespace Junction.Configuration;

/// <summary>
/// Validates bound options, from YAML or built in code. The loader runs it; so does <c>junction config validate</c>.
/// It first normalises the options: every deployment gets an <see cref="DeploymentOptions.Id"/>
/// (<c>"{model name}/{index}"</c> unless set) and its provider's defaults (such as the OpenAI base URL).
/// </summary>
public static class JunctionOptionsValidator
{
    /// <summary>Normalises <paramref name="options"/> in place and returns every problem found (empty when valid).</summary>
    public static IReadOnlyList<ConfigError> Validate(JunctionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        DeploymentNormalizer.Normalize(options);

        var errors = new List<ConfigError>();
        ServerOptionsValidator.Validate(options.Server, errors);
        RouterOptionsValidator.Validate(options.Router, errors);
        ModelsValidator.Validate(options.Models, errors);
        DeploymentIdValidator.Validate(options.Models, errors);
        DeploymentProviderValidator.Validate(options.Models, errors);
        DeploymentValuesValidator.Validate(options.Models, errors);
        MigrationValidator.Validate(options.Models, errors);
        AzureDeploymentValidator.Validate(options.Models, errors);
        BedrockDeploymentValidator.Validate(options.Models, errors);
        GovernanceOptionsValidator.Validate(options, errors);
        TelemetryOptionsValidator.Validate(options.Telemetry, errors);
        return errors;
    }
}
