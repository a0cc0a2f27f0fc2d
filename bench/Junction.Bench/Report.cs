using System.Globalization;
using System.Text;

namespace Junction.Bench;

/// <summary>The Markdown report: the main table (direct, floor, Junction with and without the request log) and the chaos table.</summary>
internal static class Report
{
    private const double CpuRatioTarget = 1.5;
    private const double AddedP50TargetMs = 0.5;
    private const double StreamOverheadTargetMs = 1.0;
    private const double RssTargetMb = 150;

    public static string Build(BenchSettings s, string machine, DateTimeOffset started, TargetFigures direct, TargetFigures floor,
        TargetFigures junction, TargetFigures quiet, TargetFigures noSpend, IReadOnlyList<ChaosFigures> chaos)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Junction benchmark{(s.IsQuick ? " (quick)" : "")}");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- Date: {started:yyyy-MM-dd HH:mm} UTC");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Machine: {machine}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Pinning: gateway / floor on core {s.GatewayCore}; fake upstream and load generator on core {s.LoadCore}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Open loop: {s.Rate:0} req/s for {s.OpenLoop.TotalSeconds:0.#} s (latency from the scheduled send time); streams: {s.StreamRate:0} req/s for {s.StreamLoop.TotalSeconds:0.#} s (fake pauses {s.StreamChunkDelayMs} ms between events); closed loop: {s.Concurrency} concurrent for {s.ClosedLoop.TotalSeconds:0.#} s; warm-up {s.WarmUp.TotalSeconds:0.#} s per target");
        md.AppendLine("- Junction: auth on (master key), storage on (SQLite) so the spend log writes one row per request, `/metrics` on; one model with one `openai` deployment on the fake; `junction` = default `--log-level information` (one log line per request, to a file), `quiet` = `--log-level warning`");
        md.AppendLine();
        md.AppendLine("| metric | direct | floor (YARP) | junction | junction/floor | junction quiet | quiet/floor | target | pass (junction · quiet) |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |");

        Row(md, "requests/s (closed loop)", direct, floor, junction, quiet, f => f.RequestsPerSecond, "0", null);
        Row(md, $"CPU ms/request at {s.Rate:0} req/s ¹", direct, floor, junction, quiet, f => f.CpuMsPerRequestAtRate, "0.000",
            ($"≤ {CpuRatioTarget}× floor", f => f.CpuMsPerRequestAtRate <= CpuRatioTarget * floor.CpuMsPerRequestAtRate));
        Row(md, "CPU ms/request at max rate ¹", direct, floor, junction, quiet, f => f.CpuMsPerRequestAtMax, "0.000",
            ($"≤ {CpuRatioTarget}× floor", f => f.CpuMsPerRequestAtMax <= CpuRatioTarget * floor.CpuMsPerRequestAtMax));
        Row(md, "latency p50 (ms)", direct, floor, junction, quiet, f => f.OpenLoop.P50, "0.000", null);
        Row(md, "latency p99 (ms)", direct, floor, junction, quiet, f => f.OpenLoop.P99, "0.000", null);
        Row(md, "added latency p50 vs direct (ms)", null, floor, junction, quiet, f => f.OpenLoop.P50 - direct.OpenLoop.P50, "0.000",
            ($"≤ {AddedP50TargetMs} ms", f => f.OpenLoop.P50 - direct.OpenLoop.P50 <= AddedP50TargetMs));
        Row(md, "added latency p99 vs direct (ms)", null, floor, junction, quiet, f => f.OpenLoop.P99 - direct.OpenLoop.P99, "0.000", null);
        Row(md, "stream time to first chunk p50 (ms)", direct, floor, junction, quiet, f => f.Stream.P50, "0.000", null);
        Row(md, "stream time to first chunk p99 (ms)", direct, floor, junction, quiet, f => f.Stream.P99, "0.000", null);
        Row(md, "stream first-chunk overhead p50 (ms)", null, floor, junction, quiet, f => f.Stream.P50 - direct.Stream.P50, "0.000",
            ($"≤ {StreamOverheadTargetMs} ms", f => f.Stream.P50 - direct.Stream.P50 <= StreamOverheadTargetMs));
        Row(md, "stream first-chunk overhead p99 (ms)", null, floor, junction, quiet, f => f.Stream.P99 - direct.Stream.P99, "0.000", null);
        Row(md, "peak RSS, VmHWM (MB) ¹", direct, floor, junction, quiet, f => f.PeakRssMb, "0.0", null);
        Row(md, "RSS after load, VmRSS (MB) ¹", direct, floor, junction, quiet, f => f.RssAfterMb, "0.0",
            ($"≤ {RssTargetMb} MB", f => f.RssAfterMb <= RssTargetMb));
        md.AppendLine();
        md.AppendLine("¹ In the direct column: the fake upstream's own process (what the hop is compared with is the network round trip, not the fake's cost).");
        md.AppendLine();

        md.AppendLine();
        md.AppendLine("Spend logging (both quiet): the spend log on (SQLite, batched in the background) against storage off.");
        md.AppendLine();
        md.AppendLine("| metric | spend on | spend off | on − off |");
        md.AppendLine("| --- | ---: | ---: | ---: |");
        void SpendRow(string metric, Func<TargetFigures, double> pick, string format) =>
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {metric} | {pick(quiet).ToString(format, CultureInfo.InvariantCulture)} | {pick(noSpend).ToString(format, CultureInfo.InvariantCulture)} | {(pick(quiet) - pick(noSpend)).ToString(format, CultureInfo.InvariantCulture)} |");
        SpendRow($"CPU ms/request at {s.Rate:0} req/s", f => f.CpuMsPerRequestAtRate, "0.000");
        SpendRow("CPU ms/request at max rate", f => f.CpuMsPerRequestAtMax, "0.000");
        SpendRow("requests/s (closed loop)", f => f.RequestsPerSecond, "0");
        SpendRow("latency p50 (ms)", f => f.OpenLoop.P50, "0.000");
        SpendRow("latency p99 (ms)", f => f.OpenLoop.P99, "0.000");
        SpendRow("RSS after load (MB)", f => f.RssAfterMb, "0.0");

        ChaosFigures baseline = chaos[0];
        md.AppendLine(CultureInfo.InvariantCulture, $"## Chaos: {s.ChaosRequests} requests at {s.ChaosRate:0} req/s, the failing fake answers {s.FailureRate:P0} of calls with a 500");
        md.AppendLine();
        md.AppendLine("| scenario | success rate | attempts/request | answered by fallback | p50 (ms) | p99 (ms) | added p50 vs baseline (ms) | added p99 vs baseline (ms) |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (ChaosFigures c in chaos)
        {
            LatencySummary l = c.Summary;
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {c.Scenario} | {l.SuccessRate:P2} | {l.MeanAttempts:0.000} | {l.Fallbacks} | {l.P50:0.000} | {l.P99:0.000} | {l.P50 - baseline.Summary.P50:0.000} | {l.P99 - baseline.Summary.P99:0.000} |");
        }

        return md.ToString();
    }

    private static void Row(StringBuilder md, string metric, TargetFigures? direct, TargetFigures floor, TargetFigures junction, TargetFigures quiet,
        Func<TargetFigures, double> value, string format, (string Target, Func<TargetFigures, bool> Pass)? target)
    {
        string F(double v) => v.ToString(format, CultureInfo.InvariantCulture);
        string Ratio(TargetFigures f) => value(floor) is var b && b > 0 && value(f) is var v && v >= 0
            ? (v / b).ToString("0.00", CultureInfo.InvariantCulture) + "×"
            : "—";
        string pass = target is { } t ? $"{Verdict(t.Pass(junction))} · {Verdict(t.Pass(quiet))}" : "";
        md.AppendLine(CultureInfo.InvariantCulture,
            $"| {metric} | {(direct is null ? "—" : F(value(direct)))} | {F(value(floor))} | {F(value(junction))} | {Ratio(junction)} | {F(value(quiet))} | {Ratio(quiet)} | {target?.Target ?? ""} | {pass} |");
    }

    private static string Verdict(bool pass) => pass ? "pass" : "**FAIL**";
}
