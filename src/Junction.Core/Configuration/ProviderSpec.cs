using System.Collections.Frozen;

namespace Junction.Configuration;

/// <summary>What a provider's deployments may and must set, beyond <see cref="DeploymentKeys.Common"/>.</summary>
internal sealed class ProviderSpec
{
    public ProviderSpec(string name, string[] requiredKeys, string[] optionalKeys, Action<DeploymentOptions>? applyDefaults = null)
    {
        Name = name;
        RequiredKeys = requiredKeys;
        AllowedKeys = FrozenSet.Create(StringComparer.Ordinal, [.. DeploymentKeys.Common, .. requiredKeys, .. optionalKeys]);
        ApplyDefaults = applyDefaults;
    }

    /// <summary>The name used in <c>provider:</c>.</summary>
    public string Name { get; }

    /// <summary>Keys a deployment of this provider must set.</summary>
    public IReadOnlyList<string> RequiredKeys { get; }

    /// <summary>Every key a deployment of this provider may set, common keys included.</summary>
    public FrozenSet<string> AllowedKeys { get; }

    /// <summary>Fills provider defaults (such as a base URL) into a deployment; null when there are none.</summary>
    public Action<DeploymentOptions>? ApplyDefaults { get; }

    /// <summary>"an openai deployment", "a mock deployment".</summary>
    public string DeploymentNoun => ("aeiou".Contains(Name[0], StringComparison.Ordinal) ? "an " : "a ") + Name + " deployment";
}
