using System.Text;
using Junction.Providers.OpenAI;
using Junction.Resilience;

namespace Junction.Tests.Providers.OpenAI;

public class OpenAIErrorMapperTests
{
    private static JunctionError Map(int status, string body, string? secret = null, TimeSpan? retryAfter = null) =>
        OpenAIErrorMapper.FromResponse(status, Encoding.UTF8.GetBytes(body), "openai", "gpt-4o/0", secret, retryAfter, "req_up");

    [Fact]
    public void FromResponse_RateLimit_KeepsTypeCodeAndRetryAfter()
    {
        var error = Map(429, """{"error":{"message":"Rate limit reached. Please try again in 1.2s","type":"tokens","param":null,"code":"rate_limit_exceeded"}}""", retryAfter: TimeSpan.FromSeconds(2));

        Assert.Equal(429, error.Status);
        Assert.Equal(JunctionErrorKind.RateLimited, error.Kind);
        Assert.Equal("tokens", error.Type);
        Assert.Equal("rate_limit_exceeded", error.Code);
        Assert.Equal(TimeSpan.FromSeconds(2), error.RetryAfter);
        Assert.Equal("openai", error.Provider);
        Assert.Equal("req_up", error.UpstreamRequestId);
        Assert.True(error.IsRetryable);
    }

    [Fact]
    public void FromResponse_InsufficientQuota_IsNotRetryable()
    {
        var error = Map(429, """{"error":{"message":"You exceeded your current quota","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}""");
        Assert.Equal(JunctionErrorKind.QuotaExceeded, error.Kind);
        Assert.False(error.IsRetryable);
        Assert.Equal(429, error.Status);
    }

    [Fact]
    public void FromResponse_429WithGarbageBody_StaysA429()
    {
        var error = Map(429, "<html>slow down</html>");
        Assert.Equal(429, error.Status);
        Assert.Equal(JunctionErrorKind.RateLimited, error.Kind);
        Assert.Equal("rate_limit_exceeded", error.Code);
    }

    [Theory]
    [InlineData(400, """{"error":{"message":"This model's maximum context length is 128000 tokens.","type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}""", JunctionErrorKind.ContextWindowExceeded)]
    [InlineData(400, """{"error":{"message":"This model's maximum context length is 8192 tokens.","type":"invalid_request_error","param":null,"code":null}}""", JunctionErrorKind.ContextWindowExceeded)]
    [InlineData(400, """{"error":{"message":"bad","type":"invalid_request_error","param":null,"code":"content_filter"}}""", JunctionErrorKind.ContentFiltered)]
    [InlineData(400, """{"error":{"message":"maximum context length mentioned but coded","type":"invalid_request_error","param":null,"code":"invalid_value"}}""", JunctionErrorKind.BadRequest)]
    [InlineData(401, """{"error":{"message":"Incorrect API key","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}""", JunctionErrorKind.Authentication)]
    [InlineData(403, "{}", JunctionErrorKind.PermissionDenied)]
    [InlineData(404, """{"error":{"message":"The model `x` does not exist","type":"invalid_request_error","param":null,"code":"model_not_found"}}""", JunctionErrorKind.NotFound)]
    [InlineData(408, "", JunctionErrorKind.Timeout)]
    [InlineData(409, "", JunctionErrorKind.Conflict)]
    [InlineData(500, """{"error":{"message":"The server had an error","type":"server_error","param":null,"code":null}}""", JunctionErrorKind.ServerError)]
    [InlineData(503, """{"error":{"message":"The engine is currently overloaded","type":"server_error","param":null,"code":null}}""", JunctionErrorKind.ServerError)]
    public void FromResponse_ClassifiesByStatusThenCodeThenMessage(int status, string body, JunctionErrorKind expected)
    {
        var error = Map(status, body);
        Assert.Equal(expected, error.Kind);
        Assert.Equal(status, error.Status);
    }

    [Fact]
    public void FromResponse_ScrubsTheDeploymentKeyFromTheMessage()
    {
        var error = Map(401, """{"error":{"message":"Incorrect API key provided: sk-live-abcdef123456.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}""", secret: "sk-live-abcdef123456");
        Assert.DoesNotContain("sk-live-abcdef123456", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromResponse_KeepsUnknownErrorMembers()
    {
        var error = Map(400, """{"error":{"message":"filtered","type":null,"param":"prompt","code":"content_filter","status":400,"innererror":{"code":"ResponsibleAIPolicyViolation","content_filter_result":{"violence":{"filtered":true,"severity":"medium"}}}}}""");
        Assert.Equal(JunctionErrorKind.ContentFiltered, error.Kind);
        Assert.NotNull(error.Details);
        Assert.True(error.Details!.ContainsKey("innererror"));
        Assert.Equal("prompt", error.Param);
    }

    [Fact]
    public void FromResponse_NumericCode_IsReadAsString()
    {
        var error = Map(429, """{"error":{"code":429,"message":"Requests have exceeded the call rate limit. Please retry after 3 seconds."}}""");
        Assert.Equal("429", error.Code);
        Assert.Equal(JunctionErrorKind.RateLimited, error.Kind);
    }

    [Fact]
    public void FromStreamError_ErrorMemberValue_KeepsMessageTypeAndCode()
    {
        using var document = System.Text.Json.JsonDocument.Parse("""{"message":"overloaded","type":"server_error","code":"server_overloaded"}""");

        var error = OpenAIErrorMapper.FromStreamError(document.RootElement, "openai", "d", null);

        Assert.Equal("overloaded", error.Message);
        Assert.Equal("server_error", error.Type);
        Assert.Equal("server_overloaded", error.Code);
    }
}
