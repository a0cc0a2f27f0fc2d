using Azure.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Junction.Server;

/// <summary>Host-level settings that are not part of the YAML config (they come from the CLI or from tests).</summary>
public sealed class JunctionServerSettings
{
    /// <summary><c>text</c> (one line per event) or <c>json</c> (structured JSON lines).</summary>
    public string LogFormat { get; init; } = "text";

    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Information;

    /// <summary>The config file to watch for changes (<c>router.watch_config</c>); null when the options came from code.</summary>
    public string? ConfigPath { get; init; }

    /// <summary>
    /// Creates the Microsoft Entra credential for <c>auth: entra</c> azure deployments; Azure.Identity's
    /// <c>DefaultAzureCredential</c> when null. Embedders pass their own credential; tests pass an offline stub.
    /// </summary>
    public Func<TokenCredential>? AzureCredentialFactory { get; init; }

    /// <summary>A hook for tests and embedders to adjust the host before it is built.</summary>
    public Action<WebApplicationBuilder>? ConfigureBuilder { get; init; }
}
