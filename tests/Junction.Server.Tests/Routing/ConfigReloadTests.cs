using System.Net;
using Junction.Server.Hosting;
using Junction.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Junction.Server.Tests.Routing;

/// <summary>Hot reload of the config file under load: nothing in flight is lost, an invalid file is rejected.</summary>
public sealed class ConfigReloadTests : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("junction-reload-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Config(string extraModel, int latencyMs) => $$"""
        server: { host: 127.0.0.1, port: 0 }
        models:
          - name: demo
            deployments:
              - { provider: mock, latency_ms: {{latencyMs}} }
        {{extraModel}}
        """;

    [Fact]
    public async Task Reload_UnderLoad_LosesNoRequest_AndInvalidConfigIsRejected()
    {
        var path = Path.Combine(_dir, "junction.yaml");
        await File.WriteAllTextAsync(path, Config("", 5), Ct);
        await using var server = await JunctionTestServer.StartAsync("", configPath: path);
        var reloader = server.Services.GetServices<IHostedService>().OfType<ConfigReloader>().Single();

        var load = Enumerable.Range(0, 200).Select(async i =>
        {
            using var response = await server.PostJsonAsync("/v1/chat/completions", """{"model":"demo","messages":[{"role":"user","content":"x"}]}""", cancellationToken: Ct);
            return response.StatusCode;
        }).ToList();

        for (var round = 0; round < 5; round++)
        {
            await File.WriteAllTextAsync(path, Config($"  - name: extra{round}\n    deployments:\n      - {{ provider: mock }}", 5 + round), Ct);
            // The background watcher may be reading the file while it is being rewritten; checking again until the new
            // model appears (bounded) proves the change is picked up without depending on who read it first.
            for (var attempt = 0; attempt < 50 && !server.Runtime.Router.Table.TryGetGroup($"extra{round}", out _); attempt++)
            {
                await reloader.CheckOnceAsync(Ct);
                await Task.Delay(20, Ct);
            }

            Assert.True(server.Runtime.Router.Table.TryGetGroup($"extra{round}", out _));
            await Task.Delay(10, Ct);
        }

        var statuses = await Task.WhenAll(load);
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.True(server.Runtime.Router.Table.TryGetGroup("extra4", out _));

        await File.WriteAllTextAsync(path, "models: [ { name: broken, deployments: [] } ]\nunknown_block: 1\n", Ct);
        Assert.False(await reloader.CheckOnceAsync(Ct));
        Assert.Contains(server.Logs.Lines, l => l.Contains("ConfigRejected", StringComparison.Ordinal));
        Assert.True(server.Runtime.Router.Table.TryGetGroup("extra4", out _));
        using var still = await server.PostJsonAsync("/v1/chat/completions", """{"model":"extra4","messages":[{"role":"user","content":"x"}]}""", cancellationToken: Ct);
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return ValueTask.CompletedTask;
    }
}
