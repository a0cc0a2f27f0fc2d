namespace Junction.Configuration;

/// <summary>Checks the <c>telemetry</c> block. The endpoint may carry credentials in its query or user info: never echoed.</summary>
internal static class TelemetryOptionsValidator
{
    public static void Validate(TelemetryOptions telemetry, List<ConfigError> errors)
    {
        if (telemetry.OtlpEndpoint is { } endpoint &&
            !(Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
        {
            errors.Add(new("telemetry.otlp_endpoint", null, "must be an absolute http:// or https:// URL"));
        }

        if (!OtlpProtocolNames.All.Contains(telemetry.OtlpProtocol, StringComparer.Ordinal))
        {
            errors.Add(new("telemetry.otlp_protocol", null, $"must be one of {string.Join(", ", OtlpProtocolNames.All)}"));
        }

        if (string.IsNullOrWhiteSpace(telemetry.ServiceName))
        {
            errors.Add(new("telemetry.service_name", null, "must not be empty"));
        }

        if (!(telemetry.SampleRatio >= 0 && telemetry.SampleRatio <= 1))
        {
            errors.Add(new("telemetry.sample_ratio", null, "must be between 0 and 1"));
        }
    }
}
