using System.Text;
using Junction.Providers.Bedrock;
using Junction.Resilience;

namespace Junction.Tests.Providers.Bedrock;

public class BedrockErrorMapperTests
{
    private static JunctionError FromHeader(int status, string type, string message = "boom") =>
        BedrockErrorMapper.FromResponse(status, type, Encoding.UTF8.GetBytes($$"""{"message":"{{message}}"}"""), "rid", null, "dep");

    [Theory]
    [InlineData(429, "ThrottlingException", 429, JunctionErrorKind.RateLimited, "rate_limit_exceeded", true)]
    [InlineData(400, "ValidationException", 400, JunctionErrorKind.BadRequest, null, false)]
    [InlineData(403, "AccessDeniedException", 403, JunctionErrorKind.PermissionDenied, "access_denied", false)]
    [InlineData(403, "UnrecognizedClientException", 401, JunctionErrorKind.Authentication, "upstream_authentication_failed", false)]
    [InlineData(403, "InvalidSignatureException", 401, JunctionErrorKind.Authentication, "upstream_authentication_failed", false)]
    [InlineData(403, "ExpiredTokenException", 401, JunctionErrorKind.Authentication, "upstream_authentication_failed", false)]
    [InlineData(404, "ResourceNotFoundException", 404, JunctionErrorKind.NotFound, "model_not_found", false)]
    [InlineData(408, "ModelTimeoutException", 408, JunctionErrorKind.Timeout, "model_timeout", true)]
    [InlineData(503, "ServiceUnavailableException", 503, JunctionErrorKind.Unavailable, "service_unavailable", true)]
    [InlineData(429, "ModelNotReadyException", 503, JunctionErrorKind.Unavailable, "model_not_ready", true)]
    [InlineData(424, "ModelErrorException", 502, JunctionErrorKind.ServerError, "model_error", true)]
    [InlineData(424, "ModelStreamErrorException", 502, JunctionErrorKind.ServerError, "model_stream_error", true)]
    [InlineData(400, "ServiceQuotaExceededException", 429, JunctionErrorKind.QuotaExceeded, "insufficient_quota", false)]
    [InlineData(500, "InternalServerException", 500, JunctionErrorKind.ServerError, "internal_server_error", true)]
    public void FromResponse_KnownException_MapsStatusKindAndCode(
        int upstreamStatus, string type, int status, JunctionErrorKind kind, string? code, bool retryable)
    {
        var error = FromHeader(upstreamStatus, type + ":http://internal.amazon.com/coral/com.amazon.bedrock/");

        Assert.Equal((status, kind, code, retryable), (error.Status, error.Kind, error.Code, error.IsRetryable));
        Assert.Equal(("bedrock", "dep", "rid", "boom"), (error.Provider, error.Deployment, error.UpstreamRequestId, error.Message));
    }

    [Theory]
    [InlineData("Input is too long for requested model.")]
    [InlineData("input is too long")]
    [InlineData("The request has too many input tokens.")]
    [InlineData("prompt is too long: 210000 tokens > 200000 maximum")]
    [InlineData("Input exceeds the model's context length")]
    public void FromResponse_ValidationContextOverflow_ContextLengthExceeded(string message)
    {
        var error = FromHeader(400, "ValidationException", message);

        Assert.Equal((400, JunctionErrorKind.ContextWindowExceeded, "context_length_exceeded", "invalid_request_error"),
            (error.Status, error.Kind, error.Code, error.Type));
    }

    [Theory]
    [InlineData("Malformed input request: #: required key [messages] not found")]
    [InlineData("The model returned the following errors: temperature: range: 0..1")]
    [InlineData("Your input is too short")]
    public void FromResponse_OrdinaryValidation_StaysBadRequest(string message)
    {
        Assert.Equal(JunctionErrorKind.BadRequest, FromHeader(400, "ValidationException", message).Kind);
    }

    [Theory]
    [InlineData(401, 401, JunctionErrorKind.Authentication)]
    [InlineData(403, 403, JunctionErrorKind.PermissionDenied)]
    [InlineData(404, 404, JunctionErrorKind.NotFound)]
    [InlineData(408, 408, JunctionErrorKind.Timeout)]
    [InlineData(413, 413, JunctionErrorKind.PayloadTooLarge)]
    [InlineData(424, 502, JunctionErrorKind.ServerError)]
    [InlineData(429, 429, JunctionErrorKind.RateLimited)]
    [InlineData(500, 502, JunctionErrorKind.ServerError)]
    [InlineData(503, 503, JunctionErrorKind.Unavailable)]
    [InlineData(418, 400, JunctionErrorKind.BadRequest)]
    public void FromResponse_UnknownType_MapsByStatus(int upstreamStatus, int status, JunctionErrorKind kind)
    {
        var error = BedrockErrorMapper.FromResponse(upstreamStatus, "BrandNewException", "{}"u8, null, null, "dep");

        Assert.Equal((status, kind), (error.Status, error.Kind));
        Assert.Contains(upstreamStatus.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromResponse_NoHeaderTypeInBody_UsesDunderType()
    {
        var error = BedrockErrorMapper.FromResponse(400, null,
            """{"__type":"com.amazon.bedrock#ThrottlingException","Message":"slow down"}"""u8, null, TimeSpan.FromSeconds(3), "dep");

        Assert.Equal((429, JunctionErrorKind.RateLimited, "slow down"), (error.Status, error.Kind, error.Message));
        Assert.Equal(TimeSpan.FromSeconds(3), error.RetryAfter);
    }

    [Fact]
    public void FromResponse_ExtraBodyMembers_KeptInDetails()
    {
        var error = BedrockErrorMapper.FromResponse(424, "ModelErrorException",
            """{"message":"bad","originalStatusCode":500,"resourceName":"arn:x"}"""u8, null, null, "dep");

        Assert.Equal(500, error.Details!["originalStatusCode"].GetInt32());
        Assert.Equal("arn:x", error.Details["resourceName"].GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1]")]
    public void FromResponse_UnreadableBody_DescribesStatus(string body)
    {
        var error = BedrockErrorMapper.FromResponse(503, null, Encoding.UTF8.GetBytes(body), null, null, "dep");

        Assert.Equal(JunctionErrorKind.Unavailable, error.Kind);
        Assert.Contains("503", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("throttlingException", 429, JunctionErrorKind.RateLimited)]
    [InlineData("validationException", 400, JunctionErrorKind.BadRequest)]
    [InlineData("internalServerException", 500, JunctionErrorKind.ServerError)]
    [InlineData("modelStreamErrorException", 502, JunctionErrorKind.ServerError)]
    [InlineData("serviceUnavailableException", 503, JunctionErrorKind.Unavailable)]
    [InlineData("modelTimeoutException", 408, JunctionErrorKind.Timeout)]
    [InlineData("somethingElseException", 502, JunctionErrorKind.ServerError)]
    public void FromStreamException_LowerCamelName_Normalised(string type, int status, JunctionErrorKind kind)
    {
        var error = BedrockErrorMapper.FromStreamException(type, """{"message":"m","p":"pad"}"""u8, "rid", "dep");

        Assert.Equal((status, kind, "m", "rid"), (error.Status, error.Kind, error.Message, error.UpstreamRequestId));
        Assert.Null(error.Details);
    }

    [Fact]
    public void FromStreamError_ErrorFrame_ServerError()
    {
        var error = BedrockErrorMapper.FromStreamError("InternalFailure", "An internal error occurred", null, "dep");

        Assert.Equal((500, JunctionErrorKind.ServerError), (error.Status, error.Kind));
    }

    [Theory]
    [InlineData("ThrottlingException:http://internal.amazon.com/coral/", "ThrottlingException")]
    [InlineData("com.amazon.coral#ValidationException", "ValidationException")]
    [InlineData("throttlingException", "ThrottlingException")]
    [InlineData("  ", null)]
    [InlineData(null, null)]
    public void NormaliseType_Variants_PascalCaseName(string? raw, string? expected)
    {
        Assert.Equal(expected, BedrockErrorMapper.NormaliseType(raw));
    }
}
