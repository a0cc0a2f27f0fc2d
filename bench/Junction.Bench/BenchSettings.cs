namespace Junction.Bench;

/// <summary>Rates and durations of one run; <see cref="QuickFrom"/> trades precision for a ~40 s run.</summary>
internal sealed record BenchSettings
{
    public const string MasterKey = "sk-bench-master-key-0123456789";

    public const string UpstreamKey = "sk-bench-upstream";

    public required string Root { get; init; }

    public required string OutputPath { get; init; }

    public bool IsQuick { get; init; }

    /// <summary>Closed-loop warm-up per target; then <see cref="WarmUpOpenLoop"/> of streams and of open loop, discarded.</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(4);

    public TimeSpan WarmUpOpenLoop => IsQuick ? TimeSpan.FromSeconds(0.5) : TimeSpan.FromSeconds(1);

    /// <summary>Open-loop rate (requests/s) for latency and CPU per request.</summary>
    public double Rate { get; init; } = 400;

    public TimeSpan OpenLoop { get; init; } = TimeSpan.FromSeconds(12);

    public double StreamRate { get; init; } = 100;

    public TimeSpan StreamLoop { get; init; } = TimeSpan.FromSeconds(6);

    public int Concurrency { get; init; } = 32;

    public TimeSpan ClosedLoop { get; init; } = TimeSpan.FromSeconds(6);

    public int ChaosRequests { get; init; } = 2000;

    public double ChaosRate { get; init; } = 250;

    public double FailureRate { get; init; } = 0.2;

    /// <summary>Pause between two streamed events from the fake, so the first chunk is not merged with the rest.</summary>
    public int StreamChunkDelayMs { get; init; } = 2;

    public int GatewayCore { get; init; }

    public int LoadCore { get; init; } = 1;

    public static BenchSettings QuickFrom(BenchSettings full) => full with
    {
        IsQuick = true,
        WarmUp = TimeSpan.FromSeconds(1),
        Rate = 300,
        OpenLoop = TimeSpan.FromSeconds(2.5),
        StreamRate = 100,
        StreamLoop = TimeSpan.FromSeconds(1.5),
        ClosedLoop = TimeSpan.FromSeconds(1.5),
        ChaosRequests = 300,
        ChaosRate = 250,
    };

    public string Dll(string project) => Path.Combine(Root, project, "bin", "Release", "net10.0", Path.GetFileName(project) + ".dll");

    public string JunctionDll => Path.Combine(Root, "src", "Junction", "bin", "Release", "net10.0", "junction.dll");

    public string LogDirectory => Path.Combine(Path.GetDirectoryName(OutputPath)!, "logs");
}
