using Junction.Configuration;
using Junction.Migration;
using Junction.Spend;
using Junction.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Junction.Server.Telemetry;

/// <summary>
/// Wires Junction's telemetry into the host: <see cref="JunctionMetrics"/> as a request observer, the Prometheus
/// <c>/metrics</c> endpoint (<c>telemetry.metrics</c>), and OTLP export of traces and metrics (<c>telemetry.otlp_endpoint</c>).
/// The spans themselves come from the router's <c>ActivitySource("Junction")</c> under ASP.NET Core's server span.
/// </summary>
internal static class TelemetryServiceCollectionExtensions
{
    /// <summary>The Prometheus scrape path.</summary>
    public const string MetricsPath = "/metrics";

    public static IServiceCollection AddJunctionTelemetry(this IServiceCollection services, JunctionOptions options)
    {
        var telemetry = options.Telemetry;
        services.AddSingleton<EdgeMetrics>();
        var otlp = telemetry.OtlpEndpoint is { } endpoint ? new Uri(endpoint) : null;
        if (!telemetry.Metrics && otlp is null)
        {
            return services;
        }

        services.AddSingleton(sp =>
        {
            var runtime = new Lazy<JunctionRuntime>(sp.GetRequiredService<JunctionRuntime>);
            return new JunctionMetrics(() => runtime.Value.Router.Table, sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<IRequestObserver>(sp => sp.GetRequiredService<JunctionMetrics>());

        var otel = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(telemetry.ServiceName, serviceVersion: JunctionInfo.Version))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(JunctionMetrics.MeterName);
                if (telemetry.Metrics)
                {
                    // Prometheus scrapes every few seconds at most: always answer with current figures.
                    metrics.AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
                }

                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(o => ConfigureOtlp(o, otlp, telemetry.OtlpProtocol, "v1/metrics"));
                }
            });
        if (otlp is not null)
        {
            otel.WithTracing(tracing => tracing
                .AddSource(JunctionTelemetry.SourceName)
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsHousekeeping(http.Request.Path))
                .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(telemetry.SampleRatio)))
                .AddOtlpExporter(o => ConfigureOtlp(o, otlp, telemetry.OtlpProtocol, "v1/traces")));
        }

        return services;
    }

    /// <summary>Maps <c>/metrics</c> when <c>telemetry.metrics</c> is on; it needs the key like every non-health path.</summary>
    public static IEndpointRouteBuilder MapJunctionMetrics(this IEndpointRouteBuilder endpoints, JunctionOptions options)
    {
        if (options.Telemetry.Metrics)
        {
            endpoints.MapPrometheusScrapingEndpoint(MetricsPath);
        }

        return endpoints;
    }

    /// <summary>What the migration engine calls on each rollout transition: a count on <c>junction.rollout.transitions</c>.</summary>
    public static Action<RolloutTransition>? RolloutObserver(IServiceProvider services) =>
        services.GetService<JunctionMetrics>() is { } metrics ? t => metrics.RecordRolloutTransition(t.To.Model, t.Action) : null;

    /// <summary>Scrapes and probes: not traced, not counted as in flight.</summary>
    public static bool IsHousekeeping(PathString path) =>
        path.StartsWithSegments(MetricsPath) || path.StartsWithSegments("/health");

    /// <summary>
    /// Points an exporter at the collector. Set in code, an http/protobuf endpoint is used as is, so the signal path is
    /// appended here (as the <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable would); gRPC takes the bare endpoint.
    /// </summary>
    internal static void ConfigureOtlp(OtlpExporterOptions exporter, Uri endpoint, string protocol, string signalPath)
    {
        if (protocol == OtlpProtocolNames.Grpc)
        {
            exporter.Protocol = OtlpExportProtocol.Grpc;
            exporter.Endpoint = endpoint;
            return;
        }

        exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
        exporter.Endpoint = SignalEndpoint(endpoint, signalPath);
    }

    /// <summary><c>http://collector:4318</c> + <c>v1/traces</c> → <c>http://collector:4318/v1/traces</c> (a path prefix is kept).</summary>
    internal static Uri SignalEndpoint(Uri endpoint, string signalPath)
    {
        var builder = new UriBuilder(endpoint);
        builder.Path = builder.Path.TrimEnd('/') + "/" + signalPath;
        return builder.Uri;
    }
}
