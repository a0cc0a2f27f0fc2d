using System.Globalization;
using System.Text.Json;

namespace Junction.Cli.Commands;

/// <summary>Prints a shadow or replay report (the admin API's JSON shape) as a readable table.</summary>
internal static class ReportPrinter
{
    public static void Print(TextWriter output, JsonElement report)
    {
        output.WriteLine($"{report.GetProperty("model").GetString()} vs {report.GetProperty("target").GetString()}: {report.GetProperty("pairs").GetInt32()} pairs");
        var errors = report.GetProperty("error_rate");
        output.WriteLine($"  error rate      {Percent(errors, "primary")} -> {Percent(errors, "shadow")}  (delta {Signed(errors.GetProperty("delta").GetDouble() * 100)} pts)");
        var latency = report.GetProperty("latency_ms");
        output.WriteLine($"  latency p50 ms  {Num(latency, "primary_p50")} -> {Num(latency, "shadow_p50")}  (delta {Num(latency, "delta_p50")})");
        output.WriteLine($"  latency p95 ms  {Num(latency, "primary_p95")} -> {Num(latency, "shadow_p95")}  (delta {Num(latency, "delta_p95")})");
        var cost = report.GetProperty("cost_usd");
        output.WriteLine($"  cost USD        {cost.GetProperty("primary").GetDecimal()} -> {cost.GetProperty("shadow").GetDecimal()}  (delta {cost.GetProperty("delta").GetDecimal()})");
        output.WriteLine("  agreement");
        foreach (var item in report.GetProperty("agreement").EnumerateObject())
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    {item.Name,-22} {item.Value.GetProperty("rate").GetDouble() * 100,6:0.0}%  over {item.Value.GetProperty("pairs").GetInt32()} pairs"));
        }

        var worst = report.GetProperty("worst_disagreements");
        if (worst.GetArrayLength() > 0)
        {
            output.WriteLine("  worst disagreements");
            foreach (var d in worst.EnumerateArray())
            {
                output.WriteLine($"    {d.GetProperty("request_id").GetString()}: {d.GetProperty("what").GetString()}");
            }
        }
    }

    private static string Percent(JsonElement parent, string name) =>
        (parent.GetProperty(name).GetDouble() * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Num(JsonElement parent, string name) =>
        parent.GetProperty(name) is { ValueKind: JsonValueKind.Number } n ? n.GetDouble().ToString("0.0", CultureInfo.InvariantCulture) : "n/a";

    private static string Signed(double value) => value.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture);
}
