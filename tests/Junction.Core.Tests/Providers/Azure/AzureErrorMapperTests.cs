using System.Text;
using System.Text.Json;
using Junction.Providers.Azure;
using Junction.Resilience;

namespace Junction.Tests.Providers.Azure;

public class AzureErrorMapperTests
{
    private const string FilterResult = """{"hate":{"filtered":false,"severity":"safe"},"violence":{"filtered":true,"severity":"medium"}}""";

    private static JunctionError Map(int status, string body, string? secret = null, TimeSpan? retryAfter = null) =>
        AzureErrorMapper.FromResponse(status, Encoding.UTF8.GetBytes(body), "azure", "gpt4o/0", secret, retryAfter, "apim-1");

    [Fact]
    public void FromResponse_ContentFilterAsOnTheWire_IsContentFilteredWithInnerErrorKept()
    {
        var error = Map(400, """{"error":{"message":"The response was filtered due to the prompt triggering Azure OpenAI's content management policy.","type":null,"param":"prompt","code":"content_filter","status":400,"innererror":{"code":"ResponsibleAIPolicyViolation","content_filter_result":""" + FilterResult + "}}}");

        Assert.Equal(400, error.Status);
        Assert.Equal(JunctionErrorKind.ContentFiltered, error.Kind);
        Assert.Equal("content_filter", error.Code);
        Assert.Equal("invalid_request_error", error.Type);
        Assert.Equal("prompt", error.Param);
        Assert.False(error.IsRetryable);
        var inner = error.Details!["innererror"];
        Assert.Equal("ResponsibleAIPolicyViolation", inner.GetProperty("code").GetString());
        Assert.True(inner.GetProperty("content_filter_result").GetProperty("violence").GetProperty("filtered").GetBoolean());
    }

    [Fact]
    public void FromResponse_ContentFilterAsInTheSpec_IsContentFilteredWithInnerErrorKept()
    {
        var error = Map(400, """{"error":{"code":"content_filter","message":"filtered","param":"prompt","type":"invalid_request_error","inner_error":{"code":"ResponsibleAIPolicyViolation","content_filter_results":""" + FilterResult + "}}}");

        Assert.Equal(JunctionErrorKind.ContentFiltered, error.Kind);
        Assert.Equal("content_filter", error.Code);
        Assert.True(error.Details!["inner_error"].GetProperty("content_filter_results").GetProperty("violence").GetProperty("filtered").GetBoolean());
        Assert.False(error.Details.ContainsKey("innererror"));
    }

    [Fact]
    public void FromResponse_InnerErrorWithoutTopLevelCode_IsStillContentFilter()
    {
        var error = Map(400, """{"error":{"code":null,"message":"filtered","innererror":{"code":"ResponsibleAIPolicyViolation","content_filter_result":""" + FilterResult + "}}}");

        Assert.Equal(JunctionErrorKind.ContentFiltered, error.Kind);
        Assert.Equal("content_filter", error.Code);
    }

    [Fact]
    public void FromResponse_ImageContentPolicyViolation_IsContentFiltered()
    {
        var error = Map(400, """{"error":{"code":"content_policy_violation","message":"Your request was rejected","inner_error":{"code":"ResponsibleAIPolicyViolation","revised_prompt":"x","content_filter_results":{}}}}""");

        Assert.Equal(JunctionErrorKind.ContentFiltered, error.Kind);
        Assert.Equal("content_policy_violation", error.Code);
    }

    [Fact]
    public void FromResponse_V1UnwrappedError_IsRead()
    {
        var error = Map(400, """{"code":"content_filter","message":"filtered by v1","param":"prompt","type":"invalid_request_error","inner_error":{"code":"ResponsibleAIPolicyViolation"}}""");

        Assert.Equal("filtered by v1", error.Message);
        Assert.Equal(JunctionErrorKind.ContentFiltered, error.Kind);
        Assert.True(error.Details!.ContainsKey("inner_error"));
    }

    [Fact]
    public void FromResponse_429WithNumericCode_IsRateLimitedWithOpenAICodeAndRetryAfter()
    {
        var error = Map(429, """{"error":{"code":"429","message":"Requests to the ChatCompletions_Create Operation ... Please retry after 2 seconds."}}""", retryAfter: TimeSpan.FromMilliseconds(1500));

        Assert.Equal(429, error.Status);
        Assert.Equal(JunctionErrorKind.RateLimited, error.Kind);
        Assert.Equal("rate_limit_exceeded", error.Code);
        Assert.Equal("rate_limit_error", error.Type);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), error.RetryAfter);
        Assert.Equal("apim-1", error.UpstreamRequestId);
        Assert.True(error.IsRetryable);
    }

    [Fact]
    public void FromResponse_429WithJsonNumberCode_IsRateLimited()
    {
        var error = Map(429, """{"error":{"code":429,"message":"slow down"}}""");

        Assert.Equal(JunctionErrorKind.RateLimited, error.Kind);
        Assert.Equal("rate_limit_exceeded", error.Code);
    }

    [Fact]
    public void FromResponse_401_IsAuthenticationWithoutNumericCode()
    {
        var error = Map(401, """{"error":{"code":"401","message":"Access denied due to invalid subscription key or wrong API endpoint."}}""");

        Assert.Equal(JunctionErrorKind.Authentication, error.Kind);
        Assert.Null(error.Code);
        Assert.Equal("authentication_error", error.Type);
    }

    [Fact]
    public void FromResponse_DeploymentNotFound_IsNotFoundAndKeepsCode()
    {
        var error = Map(404, """{"error":{"code":"DeploymentNotFound","message":"The API deployment for this resource does not exist."}}""");

        Assert.Equal(JunctionErrorKind.NotFound, error.Kind);
        Assert.Equal("DeploymentNotFound", error.Code);
    }

    [Fact]
    public void FromResponse_ContextLength_IsContextWindowExceeded()
    {
        var error = Map(400, """{"error":{"message":"This model's maximum context length is 8192 tokens.","type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}""");

        Assert.Equal(JunctionErrorKind.ContextWindowExceeded, error.Kind);
    }

    [Fact]
    public void FromResponse_MessageWithKey_IsScrubbed()
    {
        var error = Map(401, """{"error":{"code":"401","message":"key azure-secret-key-123 is wrong"}}""", secret: "azure-secret-key-123");

        Assert.DoesNotContain("azure-secret-key-123", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromResponse_EmptyBody_HasAMessage()
    {
        var error = Map(503, "");

        Assert.Equal(JunctionErrorKind.ServerError, error.Kind);
        Assert.Contains("HTTP 503", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromStreamError_ContentFilter_Is400ContentFiltered()
    {
        using var document = JsonDocument.Parse("""{"message":"filtered mid-stream","code":"content_filter","innererror":{"code":"ResponsibleAIPolicyViolation","content_filter_result":{}}}""");

        var error = AzureErrorMapper.FromStreamError(document.RootElement, "azure", "d", null);

        Assert.Equal(400, error.Status);
        Assert.Equal(JunctionErrorKind.ContentFiltered, error.Kind);
        Assert.Equal("content_filter", error.Code);
    }
}
