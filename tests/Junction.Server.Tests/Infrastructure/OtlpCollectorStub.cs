using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Junction.Server.Tests.Infrastructure;

/// <summary>
/// A stand-in OTLP/HTTP collector on 127.0.0.1: accepts <c>POST /v1/traces</c> and <c>/v1/metrics</c> (protobuf),
/// keeps each body, and answers 200 with an empty export response.
/// </summary>
public sealed class OtlpCollectorStub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Path, byte[] Body)> _exports = new();

    private OtlpCollectorStub(WebApplication app) => _app = app;

    /// <summary>The collector's base URL, as <c>telemetry.otlp_endpoint</c> takes it.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<(string Path, byte[] Body)> Exports => [.. _exports];

    public static async Task<OtlpCollectorStub> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var stub = new OtlpCollectorStub(app);
        app.MapPost("/v1/{signal}", async (HttpContext http) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body, http.RequestAborted);
            stub._exports.Enqueue((http.Request.Path.Value!, body.ToArray()));
            http.Response.ContentType = "application/x-protobuf";
        });
        await app.StartAsync(cancellationToken);
        stub.BaseUrl = new Uri(app.Urls.First());
        return stub;
    }

    /// <summary>The bodies posted to <paramref name="path"/> (<c>/v1/traces</c>, <c>/v1/metrics</c>), joined.</summary>
    public byte[] BodiesOf(string path) => [.. _exports.Where(e => e.Path == path).SelectMany(e => e.Body)];

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
