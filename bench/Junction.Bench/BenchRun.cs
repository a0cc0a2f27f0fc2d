using System.Globalization;

namespace Junction.Bench;

/// <summary>The whole session, in order: direct, Junction (log on), Junction (log off), Junction (log and spend log off), the YARP floor, then chaos.</summary>
internal static class BenchRun
{
    private static readonly TimeSpan _startTimeout = TimeSpan.FromSeconds(30);

    public static async Task<string> RunAsync(BenchSettings s)
    {
        DateTimeOffset started = TimeProvider.System.GetUtcNow();
        Directory.CreateDirectory(s.LogDirectory);
        string machine = MachineInfo.Describe();
        using var load = new LoadGenerator(BenchSettings.MasterKey);
        var perf = new PerfBench(s, load);

        using ChildProcess fake = await StartFakeAsync(s, "fake", 0);
        Uri fakeApi = new(fake.Origin, "/v1");
        TargetFigures direct = await perf.MeasureAsync("direct", fake.Origin, fake.Pid);

        string perfConfig = Path.Combine(s.LogDirectory, "junction-perf.yaml");
        string spendDb = Path.Combine(s.LogDirectory, "junction-spend.db");
        foreach (var stale in Directory.GetFiles(s.LogDirectory, "junction-spend.db*"))
        {
            File.Delete(stale);
        }

        await File.WriteAllTextAsync(perfConfig, GatewayConfig.Perf(fakeApi, spendDb));
        TargetFigures junction = await MeasureGatewayAsync(s, perf, perfConfig, "Information", "junction");
        TargetFigures quiet = await MeasureGatewayAsync(s, perf, perfConfig, "Warning", "junction quiet");

        string noSpendConfig = Path.Combine(s.LogDirectory, "junction-perf-nospend.yaml");
        await File.WriteAllTextAsync(noSpendConfig, GatewayConfig.Perf(fakeApi, null));
        TargetFigures noSpend = await MeasureGatewayAsync(s, perf, noSpendConfig, "Warning", "junction quiet, spend off");

        TargetFigures floor;
        using (ChildProcess yarp = await ChildProcess.StartAsync("floor", s.GatewayCore, s.Dll("bench/Junction.Bench.Floor"),
            [fake.Origin.ToString().TrimEnd('/')], Path.Combine(s.LogDirectory, "floor.log"), _startTimeout))
        {
            floor = await perf.MeasureAsync("floor", yarp.Origin, yarp.Pid);
        }

        IReadOnlyList<ChaosFigures> chaos;
        using (ChildProcess flaky = await StartFakeAsync(s, "fake-failing", s.FailureRate))
        {
            string chaosConfig = Path.Combine(s.LogDirectory, "junction-chaos.yaml");
            await File.WriteAllTextAsync(chaosConfig, GatewayConfig.Chaos(fakeApi, new Uri(flaky.Origin, "/v1")));
            using ChildProcess gateway = await StartGatewayAsync(s, chaosConfig, "Warning", "junction-chaos");
            chaos = await new ChaosBench(s, load).RunAsync(fake.Origin, flaky.Origin, gateway.Origin);
        }

        return Report.Build(s, machine, started, direct, floor, junction, quiet, noSpend, chaos);
    }

    private static async Task<TargetFigures> MeasureGatewayAsync(BenchSettings s, PerfBench perf, string config, string logLevel, string name)
    {
        using ChildProcess gateway = await StartGatewayAsync(s, config, logLevel, name.Replace(' ', '-'));
        return await perf.MeasureAsync(name, gateway.Origin, gateway.Pid);
    }

    private static Task<ChildProcess> StartGatewayAsync(BenchSettings s, string config, string logLevel, string name) =>
        ChildProcess.StartAsync(name, s.GatewayCore, s.JunctionDll, ["serve", "--config", config, "--port", "0", "--log-level", logLevel],
            Path.Combine(s.LogDirectory, name + ".log"), _startTimeout);

    private static Task<ChildProcess> StartFakeAsync(BenchSettings s, string name, double failureRate) =>
        ChildProcess.StartAsync(name, s.LoadCore, s.Dll("bench/Junction.Bench.Upstream"),
            ["--failure-rate", failureRate.ToString(CultureInfo.InvariantCulture), "--stream-chunk-delay-ms", s.StreamChunkDelayMs.ToString(CultureInfo.InvariantCulture)],
            Path.Combine(s.LogDirectory, name + ".log"), _startTimeout);
}
