using Microsoft.Extensions.Hosting;

namespace Junction.Server.Hosting;

/// <summary>Starts the runtime's background work (rollout state and evaluation) with the host; the container disposes it.</summary>
internal sealed class RuntimeLifetime(JunctionRuntime runtime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => runtime.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
