using Junction.Resilience;

namespace Junction.Providers.Bedrock;

/// <summary>The 400s the Bedrock mappers raise for requests Bedrock cannot take.</summary>
internal static class BedrockMappingErrors
{
    public const string UnsupportedParameterCode = "unsupported_parameter";
    public const string UnsupportedValueCode = "unsupported_value";
    public const string UnsupportedContentCode = "unsupported_content";
    public const string InvalidValueCode = "invalid_value";

    public static JunctionException UnsupportedParameter(string param) => new(JunctionErrors.InvalidRequest(
        $"The parameter '{param}' is not supported by Bedrock deployments. Remove it, or set drop_unsupported_params: true " +
        "on the deployment to have Junction leave it out.", param, UnsupportedParameterCode));

    public static JunctionException Invalid(string message, string param, string code = InvalidValueCode) =>
        new(JunctionErrors.InvalidRequest(message, param, code));

    /// <summary>A Bedrock answer the mapper cannot read; the transport adds the deployment with <c>with</c>.</summary>
    public static JunctionException InvalidUpstream(string reason) => new(
        new JunctionError(502, JunctionErrorKind.InvalidResponse, "upstream_error", $"Bedrock sent an invalid response: {reason}")
        {
            Provider = BedrockErrorMapper.ProviderName,
            Code = "upstream_invalid_response",
        });
}
