using Junction.Resilience;
using Junction.Routing;
using Junction.Server.Auth;
using Junction.Server.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Junction.Server.Middleware;

/// <summary>
/// Wraps every request: stamps <c>x-request-id</c> (on errors and streams too), creates the
/// <see cref="RequestContext"/>, checks the key, turns errors into OpenAI-shaped answers (never a stack
/// trace), and writes one structured log line per request.
/// </summary>
internal sealed partial class JunctionRequestMiddleware
{
    private readonly RequestDelegate _next;
    private readonly MasterKeyAuthenticator _authenticator;
    private readonly JunctionRuntime _runtime;
    private readonly ILogger _logger;

    public JunctionRequestMiddleware(RequestDelegate next, MasterKeyAuthenticator authenticator, JunctionRuntime runtime, ILogger<JunctionRequestMiddleware> logger)
    {
        _next = next;
        _authenticator = authenticator;
        _runtime = runtime;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext http)
    {
        var requestId = RequestIds.FromClientOrNew(http.Request.Headers["x-request-id"].ToString());
        http.Response.Headers["x-request-id"] = requestId;
        var context = new RequestContext(requestId, http.Request.Headers["traceparent"].ToString() is { Length: > 0 } tp ? tp : null,
            http.Request.Headers["tracestate"].ToString() is { Length: > 0 } ts ? ts : null);
        http.Features.Set(context);

        try
        {
            if (RequiresKey(http.Request.Path) && _authenticator.Check(http.Request) is { } denied)
            {
                await ErrorWriter.WriteAsync(http, denied);
                return;
            }

            if (_authenticator.Enabled)
            {
                context.CallerId = "master";
            }

            if (http.Request.Headers[ClientMetadata.HeaderName].ToString() is { Length: > 0 } metadata)
            {
                context.ClientMetadata = ClientMetadata.Parse(metadata);
            }

            if (http.Request.Headers[RoutingOverrides.HeaderName].ToString() is { Length: > 0 } overrides)
            {
                context.Overrides = _runtime.Options.Router.AllowRequestOverrides
                    ? RoutingOverrides.Parse(overrides)
                    : throw new JunctionException(JunctionErrors.RoutingOverridesDisabled());
            }

            await _next(http);
        }
        catch (JunctionException ex)
        {
            await ErrorWriter.WriteAsync(http, ex.Error);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await ErrorWriter.WriteAsync(http, JunctionErrors.PayloadTooLarge(MaxBody(http)));
        }
        catch (BadHttpRequestException ex)
        {
            await ErrorWriter.WriteAsync(http, JunctionErrors.InvalidRequest("The request could not be read: " + ex.Message) with { Status = ex.StatusCode });
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
        catch (Exception ex)
        {
            Log.Unhandled(_logger, ex, requestId);
            await ErrorWriter.WriteAsync(http, JunctionErrors.Internal(requestId));
        }
        finally
        {
            LogRequest(http, context);
        }
    }

    private static bool RequiresKey(PathString path) => !path.StartsWithSegments("/health/liveness") && !path.StartsWithSegments("/health/readiness");

    private static long MaxBody(HttpContext http) =>
        http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? 0;

    private void LogRequest(HttpContext http, RequestContext context)
    {
        if (!_logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        var status = http.RequestAborted.IsCancellationRequested && !http.Response.HasStarted ? 499 : http.Response.StatusCode;
        Log.Request(_logger, context.RequestId, http.Request.Method, http.Request.Path.Value ?? "", status,
            context.Model ?? "-", context.ServedBy?.Id ?? "-", context.AttemptCount,
            context.Elapsed.TotalMilliseconds, context.Overhead.TotalMilliseconds,
            context.Usage?.PromptTokens ?? 0, context.Usage?.CompletionTokens ?? 0, context.FallbackModel ?? "-", DescribeAttempts(context));
    }

    /// <summary><c>deployment:status:ms</c> for every attempt, in order (e.g. <c>gpt-4o/0:429:12.5,gpt-4o/1:200:340.1</c>).</summary>
    private static string DescribeAttempts(RequestContext context)
    {
        var attempts = context.Attempts;
        if (attempts.Count == 0)
        {
            return "-";
        }

        return string.Join(",", attempts.Select(a =>
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{a.Deployment}:{a.Status}:{a.Latency.TotalMilliseconds:0.#}")));
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information,
            "{RequestId} {Method} {Path} {Status} model={Model} deployment={Deployment} attempts={Attempts} latency_ms={LatencyMs:0.###} overhead_ms={OverheadMs:0.###} prompt_tokens={PromptTokens} completion_tokens={CompletionTokens} fallback={FallbackModel} attempt_log={AttemptLog}",
            EventName = "Request")]
        public static partial void Request(ILogger logger, string requestId, string method, string path, int status, string model,
            string deployment, int attempts, double latencyMs, double overheadMs, int promptTokens, int completionTokens, string fallbackModel, string attemptLog);

        [LoggerMessage(2, LogLevel.Error, "Request {RequestId} failed inside Junction", EventName = "Unhandled")]
        public static partial void Unhandled(ILogger logger, Exception exception, string requestId);
    }
}
