namespace Junction.Configuration;

/// <summary>The <c>telemetry.otlp_protocol</c> values.</summary>
public static class OtlpProtocolNames
{
    public const string HttpProtobuf = "http/protobuf";
    public const string Grpc = "grpc";

    public static IReadOnlyList<string> All { get; } = [HttpProtobuf, Grpc];
}
