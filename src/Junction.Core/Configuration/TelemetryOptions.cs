namespace Junction.Configuration;

/// <summary>The <c>telemetry</c> block: the Prometheus endpoint, and OTLP export of traces and metrics.</summary>
public sealed class TelemetryOptions
{
    /// <summary>Whether <c>/metrics</c> serves Prometheus text (<c>metrics</c>); on by default.</summary>
    public bool Metrics { get; set; } = true;

    /// <summary>
    /// The OTLP collector (<c>otlp_endpoint</c>), such as <c>http://otel-collector:4318</c>; traces and metrics are exported there
    /// when set, and not at all when null. For <c>http/protobuf</c> the signal path (<c>/v1/traces</c>, <c>/v1/metrics</c>) is appended.
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>http/protobuf</c> (the default) or <c>grpc</c> (<c>otlp_protocol</c>).</summary>
    public string OtlpProtocol { get; set; } = OtlpProtocolNames.HttpProtobuf;

    /// <summary>The <c>service.name</c> resource attribute (<c>service_name</c>).</summary>
    public string ServiceName { get; set; } = "junction";

    /// <summary>The share of new traces recorded (<c>sample_ratio</c>), 0..1; a caller's sampled flag is honoured.</summary>
    public double SampleRatio { get; set; } = 1.0;

    internal static TelemetryOptions Read(ConfigMap map)
    {
        var options = new TelemetryOptions();
        options.Metrics = map.Bool("metrics") ?? options.Metrics;
        options.OtlpEndpoint = map.OptionalString("otlp_endpoint");
        options.OtlpProtocol = map.String("otlp_protocol") ?? options.OtlpProtocol;
        options.ServiceName = map.String("service_name") ?? options.ServiceName;
        options.SampleRatio = map.Double("sample_ratio") ?? options.SampleRatio;
        return options;
    }
}
