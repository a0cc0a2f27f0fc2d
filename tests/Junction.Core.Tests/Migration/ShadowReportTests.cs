using System.Text.Json;
using Junction.Migration;
using Junction.Protocol.OpenAI;

namespace Junction.Tests.Migration;

public class ShadowReportTests
{
    private static readonly HashSet<string> All = [.. ShadowCompareNames.All];
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private sealed class StubValidator : ISchemaValidator
    {
        public bool IsValid(JsonElement schema, JsonElement value) => value.TryGetProperty("city", out _);
    }

    private static ChatCompletionRequest Request(string json) => JsonSerializer.Deserialize(json, OpenAIJsonContext.Wire.ChatCompletionRequest)!;

    private static ShadowOutcome Ok(string text, int ms, decimal cost = 0.001m) =>
        new() { Text = text, Latency = TimeSpan.FromMilliseconds(ms), CostUsd = cost, Usage = new Usage { TotalTokens = 10 } };

    [Fact]
    public void Compare_JsonRequest_ChecksParseSchemaAndStructure()
    {
        var request = Request("""{"model":"m","messages":[],"response_format":{"type":"json_schema","json_schema":{"name":"x","schema":{"type":"object"}}}}""");
        var comparer = new ShadowComparer(new StubValidator());

        var same = comparer.Compare(request, Ok("""{"city":"Paris"}""", 100), Ok("""{"city":"Oslo"}""", 120), All);
        Assert.True(same.JsonBothParse);
        Assert.True(same.JsonBothValid);
        Assert.True(same.JsonStructureMatch);
        Assert.False(same.TextExact);

        var broken = comparer.Compare(request, Ok("""{"city":"Paris"}""", 100), Ok("Sure! {\"town\":", 120), All);
        Assert.False(broken.JsonBothParse);
        Assert.False(broken.JsonStructureMatch);
        Assert.False(broken.JsonBothValid);
    }

    [Fact]
    public void Compare_OneSideFailed_HasNoContentComparisons()
    {
        var request = Request("""{"model":"m","messages":[]}""");
        var result = new ShadowComparer(null).Compare(request, Ok("a", 1), new ShadowOutcome { Status = 429, ErrorKind = "RateLimited" }, All);
        Assert.Null(result.TextExact);
        Assert.Null(result.TextSimilarity);
    }

    [Fact]
    public void Build_ComputesDeltasAgreementAndWorstDisagreements()
    {
        var pairs = new List<ShadowPair>();
        var comparer = new ShadowComparer(null);
        var request = Request("""{"model":"m","messages":[]}""");
        for (var i = 0; i < 8; i++)
        {
            var primary = Ok("the answer is four", 100 + i, 0.002m);
            var shadow = Ok(i < 6 ? "the answer is four" : "something else entirely", 150 + i, 0.001m);
            pairs.Add(new ShadowPair($"req_{i}", T0, "gpt-4o", "claude", primary, shadow, comparer.Compare(request, primary, shadow, All)));
        }

        var failed = new ShadowOutcome { Status = 500, ErrorKind = "ServerError", Latency = TimeSpan.FromMilliseconds(50) };
        pairs.Add(new ShadowPair("req_fail", T0, "gpt-4o", "claude", Ok("x", 100), failed, comparer.Compare(request, Ok("x", 100), failed, All)));

        var report = ShadowReport.Build("gpt-4o", "claude", T0, pairs, worst: 3);

        Assert.Equal(9, report.Pairs);
        Assert.Equal(0, report.PrimaryErrorRate);
        Assert.Equal(Math.Round(1 / 9.0, 4), report.ShadowErrorRate);
        Assert.Equal(0.75, report.Agreement["text_exact"].Rate);
        Assert.Equal(8, report.Agreement["text_exact"].Pairs);
        Assert.Equal(0.017m - 0.008m, -report.CostDeltaUsd);
        Assert.True(report.LatencyP50DeltaMs > 40);
        Assert.Equal("req_fail", report.WorstDisagreements[0].RequestId);
        Assert.Contains("shadow failed", report.WorstDisagreements[0].What, StringComparison.Ordinal);
        Assert.Equal(["req_6", "req_7"], report.WorstDisagreements.Skip(1).Select(d => d.RequestId).ToArray());
    }
}
