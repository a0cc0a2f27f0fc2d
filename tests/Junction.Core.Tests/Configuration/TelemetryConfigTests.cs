using Junction.Configuration;

namespace Junction.Tests.Configuration;

public sealed class TelemetryConfigTests
{
    [Fact]
    public void NoTelemetryBlock_MetricsOn_NoOtlp()
    {
        var telemetry = ConfigTestLoader.LoadValid(ConfigTestLoader.MockModel).Telemetry;
        Assert.True(telemetry.Metrics);
        Assert.Null(telemetry.OtlpEndpoint);
        Assert.Equal(OtlpProtocolNames.HttpProtobuf, telemetry.OtlpProtocol);
        Assert.Equal("junction", telemetry.ServiceName);
        Assert.Equal(1.0, telemetry.SampleRatio);
    }

    [Fact]
    public void TelemetryBlock_IsRead()
    {
        var telemetry = ConfigTestLoader.LoadValid(ConfigTestLoader.MockModel + """

            telemetry: { metrics: false, otlp_endpoint: "${OTLP:-}", otlp_protocol: grpc, service_name: gw, sample_ratio: 0.25 }
            """, ("OTLP", "http://collector:4317")).Telemetry;
        Assert.False(telemetry.Metrics);
        Assert.Equal("http://collector:4317", telemetry.OtlpEndpoint);
        Assert.Equal(OtlpProtocolNames.Grpc, telemetry.OtlpProtocol);
        Assert.Equal("gw", telemetry.ServiceName);
        Assert.Equal(0.25, telemetry.SampleRatio);
    }

    [Fact]
    public void EmptyEndpointFromEnvironment_MeansNoExport()
    {
        var telemetry = ConfigTestLoader.LoadValid(ConfigTestLoader.MockModel + "\ntelemetry: { otlp_endpoint: \"${OTLP:-}\" }\n").Telemetry;
        Assert.Null(telemetry.OtlpEndpoint);
    }

    [Fact]
    public void BadValues_AreErrorsNamingTheKey_WithoutEchoingTheEndpoint()
    {
        var errors = ConfigTestLoader.Errors(ConfigTestLoader.MockModel + """

            telemetry: { otlp_endpoint: "ftp://SECRET@host", otlp_protocol: thrift, service_name: " ", sample_ratio: 1.5 }
            """);
        Assert.Contains(errors, e => e.StartsWith("telemetry.otlp_endpoint", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("telemetry.otlp_protocol", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("telemetry.service_name", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("telemetry.sample_ratio", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.Contains("SECRET", StringComparison.Ordinal));
    }

    [Fact]
    public void UnknownTelemetryKey_IsReported()
    {
        var errors = ConfigTestLoader.Errors(ConfigTestLoader.MockModel + "\ntelemetry: { sample_rate: 0.5 }\n");
        Assert.Contains(errors, e => e.Contains("telemetry.sample_rate", StringComparison.Ordinal));
    }
}
