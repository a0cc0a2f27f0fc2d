using Junction.Server.Tests.Infrastructure;
using Junction.TestKit.OpenAI;
using static Junction.Server.Tests.Migration.MigrationTestSupport;

namespace Junction.Server.Tests.Migration;

/// <summary>Record real traffic through a server (redacted), then replay the file with <c>junction replay</c> against two models.</summary>
public sealed class ReplayTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("junction-replay-").FullName;
    private FakeOpenAIUpstream _current = null!;
    private FakeOpenAIUpstream _candidate = null!;

    public async ValueTask InitializeAsync()
    {
        _current = await FakeOpenAIUpstream.StartAsync(new FakeOpenAIOptions { FixedReply = "Your order ships on Monday." });
        _candidate = await FakeOpenAIUpstream.StartAsync(new FakeOpenAIOptions { FixedReply = "Your order ships on Monday." });
    }

    public async ValueTask DisposeAsync()
    {
        await _current.DisposeAsync();
        await _candidate.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private string Models(string recording) => $$"""
        models:
          - name: gpt-4o
            deployments:
              - { provider: openai, model: gpt-4o, base_url: "{{_current.BaseUrl}}", api_key: sk-upstream }
            {{recording}}
          - name: claude-sonnet
            deployments:
              - { provider: openai, model: gpt-4o-mini, base_url: "{{_candidate.BaseUrl}}", api_key: sk-upstream }
        """;

    [Fact]
    public async Task RecordedTraffic_IsRedacted_AndItsReplayPrintsTheReport()
    {
        var file = Path.Combine(_dir, "recordings", "gpt-4o.jsonl");
        await using (var server = await JunctionTestServer.StartAsync($$"""
            auth: { master_key: {{MasterKey}} }
            {{Models($"recording: {{ sample: 1, file: \"{file}\", redact: [emails, keys, digits] }}")}}
            """))
        {
            for (var i = 0; i < 3; i++)
            {
                var (status, _) = await ChatAsync(server, "gpt-4o", $"I am jane.doe{i}@example.com, my key is sk-proj-abcdefgh{i}XYZ, where is order 12345{i}?");
                Assert.Equal(200, status);
            }
        }

        var recorded = await File.ReadAllLinesAsync(file, Ct);
        Assert.Equal(3, recorded.Length);
        Assert.All(recorded, line =>
        {
            Assert.Contains("[email]", line, StringComparison.Ordinal);
            Assert.Contains("[key]", line, StringComparison.Ordinal);
            Assert.Contains("order ######", line, StringComparison.Ordinal);
            Assert.DoesNotContain("jane.doe", line, StringComparison.Ordinal);
            Assert.DoesNotContain("sk-proj", line, StringComparison.Ordinal);
            Assert.DoesNotContain("12345", line, StringComparison.Ordinal);
        });

        var config = Path.Combine(_dir, "junction.yaml");
        await File.WriteAllTextAsync(config, Models(""), Ct);
        var (exit, output, error) = await CliAsync("replay", "--file", file, "--against", "gpt-4o", "--against", "claude-sonnet", "--concurrency", "2", "--config", config);
        Assert.True(exit == 0, error);
        Assert.Contains("3/3", error, StringComparison.Ordinal);
        Assert.Contains("gpt-4o vs claude-sonnet: 3 pairs", output, StringComparison.Ordinal);
        Assert.Contains("error rate      0.0% -> 0.0%", output, StringComparison.Ordinal);
        Assert.Matches(@"text_exact\s+100\.0%  over 3 pairs", output);
        Assert.Equal((3 + 3, 3), (_current.RequestCount, _candidate.RequestCount));
    }
}
