using System.Globalization;
using Junction.TestKit.OpenAI;

// junction-bench-upstream [--failure-rate F] [--stream-chunk-delay-ms N] [--reply TEXT]
// Starts a FakeOpenAIUpstream on 127.0.0.1 (a free port), prints "listening on <base url>", and runs until its
// standard input closes (the orchestrator holds it open) or it is killed.
var failureRate = 0.0;
var chunkDelayMs = 0;
var reply = "The capital of Italy is Rome.";
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--failure-rate":
            failureRate = double.Parse(args[i + 1], CultureInfo.InvariantCulture);
            break;
        case "--stream-chunk-delay-ms":
            chunkDelayMs = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            break;
        case "--reply":
            reply = args[i + 1];
            break;
        default:
            await Console.Error.WriteLineAsync($"unknown option {args[i]}");
            return 2;
    }
}

await using var fake = await FakeOpenAIUpstream.StartAsync(new FakeOpenAIOptions
{
    RecordRequests = false,
    FixedReply = reply,
    StreamChunkDelayMs = chunkDelayMs,
    FailureRate = failureRate,
});
Console.WriteLine($"listening on {fake.BaseUrl}");
Console.Out.Flush();

// Block until the orchestrator closes our stdin (or dies, which closes it too).
while (await Console.In.ReadLineAsync() is not null)
{
}

return 0;
