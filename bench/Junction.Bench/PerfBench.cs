namespace Junction.Bench;

/// <summary>The per-target measurement: warm-up, open loop (latency, CPU per request), streams (time to first chunk), closed loop (max rate).</summary>
internal sealed class PerfBench(BenchSettings settings, LoadGenerator load)
{
    private readonly byte[] _chat = Requests.Chat("gpt-4o-mini", stream: false);
    private readonly byte[] _stream = Requests.Chat("gpt-4o-mini", stream: true);

    /// <param name="name">The column name.</param>
    /// <param name="origin">Where to send.</param>
    /// <param name="pid">The process whose CPU and memory are measured.</param>
    public async Task<TargetFigures> MeasureAsync(string name, Uri origin, int pid)
    {
        Uri url = Requests.ChatUrl(origin);
        Console.Error.WriteLine($"[bench] {name}: warm-up {settings.WarmUp.TotalSeconds:0.#} s");
        await load.ClosedLoopAsync(url, _chat, 8, settings.WarmUp);
        await load.OpenLoopAsync(url, _stream, Count(settings.StreamRate, settings.WarmUpOpenLoop), settings.StreamRate, stream: true);
        await load.OpenLoopAsync(url, _chat, Count(settings.Rate, settings.WarmUpOpenLoop), settings.Rate, stream: false);

        Console.Error.WriteLine($"[bench] {name}: open loop {settings.Rate} req/s for {settings.OpenLoop.TotalSeconds:0.#} s");
        TimeSpan cpu0 = ProcStats.CpuTime(pid);
        Outcome[] open = await load.OpenLoopAsync(url, _chat, Count(settings.Rate, settings.OpenLoop), settings.Rate, stream: false);
        double cpuAtRate = (ProcStats.CpuTime(pid) - cpu0).TotalMilliseconds / open.Length;

        Console.Error.WriteLine($"[bench] {name}: streams {settings.StreamRate} req/s for {settings.StreamLoop.TotalSeconds:0.#} s");
        Outcome[] streams = await load.OpenLoopAsync(url, _stream, Count(settings.StreamRate, settings.StreamLoop), settings.StreamRate, stream: true);

        Console.Error.WriteLine($"[bench] {name}: closed loop {settings.Concurrency} concurrent for {settings.ClosedLoop.TotalSeconds:0.#} s");
        TimeSpan cpu1 = ProcStats.CpuTime(pid);
        (int ok, int failed, TimeSpan elapsed) = await load.ClosedLoopAsync(url, _chat, settings.Concurrency, settings.ClosedLoop);
        double cpuAtMax = (ProcStats.CpuTime(pid) - cpu1).TotalMilliseconds / Math.Max(1, ok + failed);

        var figures = new TargetFigures(
            name,
            LatencySummary.From(open),
            cpuAtRate,
            LatencySummary.From(streams),
            ok / elapsed.TotalSeconds,
            cpuAtMax,
            failed,
            ProcStats.PeakRssMb(pid),
            ProcStats.RssMb(pid));
        Check(name, figures);
        return figures;
    }

    private static int Count(double rate, TimeSpan duration) => (int)(rate * duration.TotalSeconds);

    private static void Check(string name, TargetFigures figures)
    {
        if (figures.OpenLoop.Ok != figures.OpenLoop.Count || figures.Stream.Ok != figures.Stream.Count || figures.ClosedLoopFailures > 0)
        {
            throw new InvalidOperationException(
                $"{name}: requests failed (open loop {figures.OpenLoop.Count - figures.OpenLoop.Ok}, streams {figures.Stream.Count - figures.Stream.Ok}, closed loop {figures.ClosedLoopFailures}); see the logs");
        }
    }
}
