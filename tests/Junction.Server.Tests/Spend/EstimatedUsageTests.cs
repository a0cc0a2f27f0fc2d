using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Junction.Server.Tests.Infrastructure;
using Junction.TestKit.OpenAI;

namespace Junction.Server.Tests.Spend;

/// <summary>
/// An OpenAI-compatible upstream that ignores <c>stream_options.include_usage</c>: the stream ends without usage, so
/// Junction counts tokens itself (o200k tokenizer), prices them, and flags the usage as estimated.
/// </summary>
public sealed partial class EstimatedUsageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StreamWithoutUpstreamUsage_IsCostedFromATokenizerCount_FlaggedEstimated()
    {
        await using var fake = await FakeOpenAIUpstream.StartAsync(new FakeOpenAIOptions { IgnoreIncludeUsage = true }, Ct);
        await using var server = await JunctionTestServer.StartAsync($$"""
            server: { host: 127.0.0.1, port: 0 }
            models:
              - name: local
                deployments:
                  - provider: openai
                    model: local-llm
                    base_url: "{{fake.BaseUrl}}"
                    input_cost_per_1m: 1.0
                    output_cost_per_1m: 2.0
            """);

        using var response = await server.PostJsonAsync("/v1/chat/completions",
            """{"model":"local","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"count these words for me please"}]}""",
            cancellationToken: Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.DoesNotContain("\"total_tokens\"", body, StringComparison.Ordinal);
        var trailer = CostTrailer().Match(body);
        Assert.True(trailer.Success, "no cost trailer in: " + body);
        Assert.True(int.Parse(trailer.Groups["prompt"].Value, CultureInfo.InvariantCulture) > 0);
        Assert.True(int.Parse(trailer.Groups["completion"].Value, CultureInfo.InvariantCulture) > 0);
        Assert.True(decimal.Parse(trailer.Groups["cost"].Value, CultureInfo.InvariantCulture) > 0);
    }

    [GeneratedRegex(@"\n: x-junction-cost=(?<cost>[0-9.]+); x-junction-usage=prompt=(?<prompt>\d+);completion=(?<completion>\d+);cached=0;estimated=1\n")]
    private static partial Regex CostTrailer();
}
