using Junction.Configuration;
using Junction.Server.Telemetry;
using OpenTelemetry.Exporter;

namespace Junction.Server.Tests.Telemetry;

public sealed class OtlpEndpointTests
{
    [Theory]
    [InlineData("http://collector:4318", "http://collector:4318/v1/traces")]
    [InlineData("http://collector:4318/", "http://collector:4318/v1/traces")]
    [InlineData("https://gateway.example/otlp/", "https://gateway.example/otlp/v1/traces")]
    public void HttpProtobuf_AppendsTheSignalPath(string configured, string expected)
    {
        var exporter = new OtlpExporterOptions();
        TelemetryServiceCollectionExtensions.ConfigureOtlp(exporter, new Uri(configured), OtlpProtocolNames.HttpProtobuf, "v1/traces");
        Assert.Equal(OtlpExportProtocol.HttpProtobuf, exporter.Protocol);
        Assert.Equal(new Uri(expected), exporter.Endpoint);
    }

    [Fact]
    public void Grpc_UsesTheEndpointAsIs()
    {
        var exporter = new OtlpExporterOptions();
        TelemetryServiceCollectionExtensions.ConfigureOtlp(exporter, new Uri("http://collector:4317"), OtlpProtocolNames.Grpc, "v1/traces");
        Assert.Equal(OtlpExportProtocol.Grpc, exporter.Protocol);
        Assert.Equal(new Uri("http://collector:4317"), exporter.Endpoint);
    }
}
