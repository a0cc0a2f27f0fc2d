namespace Junction.Configuration;

/// <summary>
/// One YAML key of a deployment: how to read it into <see cref="DeploymentOptions"/> and how to tell whether it is set
/// (so validation can reject a key the deployment's provider does not take, whether it came from YAML or from code).
/// </summary>
internal sealed record DeploymentKey(
    string Name,
    Action<ConfigMap, string, DeploymentOptions> Read,
    Func<DeploymentOptions, bool> IsSet);
