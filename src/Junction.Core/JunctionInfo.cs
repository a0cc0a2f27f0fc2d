namespace Junction;

/// <summary>Version and product facts shared by the CLI, the server and the library.</summary>
public static class JunctionInfo
{
    /// <summary>The product name used in headers, logs and telemetry.</summary>
    public const string Name = "junction";

    /// <summary>The informational version of the core assembly.</summary>
    public static string Version { get; } =
        typeof(JunctionInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
