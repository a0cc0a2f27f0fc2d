namespace Junction.Bench;

/// <summary>One request's result: latency from its scheduled send time (or time to first chunk for streams), status, gateway headers.</summary>
internal readonly record struct Outcome(double LatencyMs, int Status, int Attempts, bool Fallback)
{
    public bool Ok => Status == 200;
}
