namespace Junction.Resilience;

/// <summary>The errors Junction itself raises, worded so a person can act on them.</summary>
public static class JunctionErrors
{
    public const string InvalidRequestType = "invalid_request_error";

    public static JunctionError InvalidRequest(string message, string? param = null, string? code = null) =>
        new(400, JunctionErrorKind.BadRequest, InvalidRequestType, message) { Param = param, Code = code };

    public static JunctionError MissingField(string field) =>
        InvalidRequest($"Missing required parameter: '{field}'.", field, "missing_required_parameter");

    public static JunctionError RoutingOverridesDisabled() =>
        InvalidRequest(
            $"Per-request routing overrides ({Routing.RoutingOverrides.HeaderName}) are disabled on this gateway (router.allow_request_overrides).",
            Routing.RoutingOverrides.HeaderName, "routing_overrides_disabled");

    public static JunctionError ModelNotFound(string model) =>
        new(404, JunctionErrorKind.NotFound, InvalidRequestType,
            $"The model '{model}' does not exist on this Junction gateway. List the available models with GET /v1/models.")
        { Param = "model", Code = "model_not_found" };

    public static JunctionError CapabilityNotSupported(string model, string capability) =>
        InvalidRequest($"The model '{model}' has no deployment that supports {capability}.", "model", "unsupported_model");

    public static JunctionError Unauthorized(string message) =>
        new(401, JunctionErrorKind.Authentication, InvalidRequestType, message) { Code = "invalid_api_key" };

    public static JunctionError PayloadTooLarge(long limitBytes) =>
        new(413, JunctionErrorKind.PayloadTooLarge, InvalidRequestType,
            $"The request body is larger than this gateway accepts ({limitBytes / (1024 * 1024)} MB; server.max_request_body_mb).")
        { Code = "request_too_large" };

    public static JunctionError UpstreamUnreachable(string provider, string deployment, string reason) =>
        new(502, JunctionErrorKind.Unavailable, "upstream_error",
            $"Could not reach the upstream for deployment '{deployment}' ({provider}): {reason}")
        { Provider = provider, Deployment = deployment, Code = "upstream_unreachable" };

    public static JunctionError UpstreamInvalidResponse(string provider, string deployment, string reason) =>
        new(502, JunctionErrorKind.InvalidResponse, "upstream_error",
            $"The upstream for deployment '{deployment}' ({provider}) sent an invalid response: {reason}")
        { Provider = provider, Deployment = deployment, Code = "upstream_invalid_response" };

    public static JunctionError UpstreamTimeout(string? provider, string? deployment, TimeSpan timeout) =>
        new(504, JunctionErrorKind.Timeout, "timeout",
            deployment is null
                ? $"The request did not complete within its timeout of {timeout.TotalSeconds:0.###} s."
                : $"The upstream for deployment '{deployment}' ({provider}) did not answer within the timeout of {timeout.TotalSeconds:0.###} s.")
        { Provider = provider, Deployment = deployment, Code = "timeout" };

    public const string AllDeploymentsAtLimitCode = "deployments_at_rate_limit";

    public static JunctionError AllDeploymentsAtLimit(int deployments, TimeSpan retryAfter) =>
        new(429, JunctionErrorKind.RateLimited, "rate_limit_error",
            $"All {deployments} deployment(s) of this model are at their configured rpm/tpm limits. Retry after {Math.Ceiling(retryAfter.TotalSeconds)} s.")
        { Code = AllDeploymentsAtLimitCode, RetryAfter = retryAfter };

    public static JunctionError Internal(string requestId) =>
        new(500, JunctionErrorKind.Internal, "server_error",
            $"Junction failed to handle the request. Quote request id '{requestId}' when reporting it.")
        { Code = "internal_error" };
}
