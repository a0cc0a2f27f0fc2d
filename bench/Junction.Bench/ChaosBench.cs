namespace Junction.Bench;

/// <summary>
/// N requests while the fake fails a fraction of calls with a 500: straight to the failing fake, through Junction
/// with retries, and through Junction with retries plus a fallback model on a healthy fake; against a healthy baseline.
/// </summary>
internal sealed class ChaosBench(BenchSettings settings, LoadGenerator load)
{
    public async Task<IReadOnlyList<ChaosFigures>> RunAsync(Uri healthyFake, Uri flakyFake, Uri gateway)
    {
        int n = settings.ChaosRequests;
        var results = new List<ChaosFigures>();
        Uri gatewayUrl = Requests.ChatUrl(gateway);

        // Warm the gateway's paths (JIT) on the healthy model first.
        await load.ClosedLoopAsync(gatewayUrl, Requests.Chat("healthy", stream: false), 8, settings.WarmUp);

        (string Scenario, Uri Url, string Model)[] scenarios =
        [
            ("junction → healthy fake (baseline)", gatewayUrl, "healthy"),
            ($"direct → failing fake ({settings.FailureRate:P0} 500s)", Requests.ChatUrl(flakyFake), "gpt-4o-mini"),
            ("junction, retries: 2", gatewayUrl, "flaky"),
            ("junction, retries: 2 + fallback model", gatewayUrl, "flaky-with-fallback"),
        ];
        foreach ((string scenario, Uri url, string model) in scenarios)
        {
            Console.Error.WriteLine($"[bench] chaos: {scenario}, {n} requests at {settings.ChaosRate} req/s");
            Outcome[] outcomes = await load.OpenLoopAsync(url, Requests.Chat(model, stream: false), n, settings.ChaosRate, stream: false);
            results.Add(new ChaosFigures(scenario, LatencySummary.From(outcomes)));
        }

        return results;
    }
}
