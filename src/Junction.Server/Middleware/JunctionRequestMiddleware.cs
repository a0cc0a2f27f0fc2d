using Junction.Keys;
using Junction.Resilience;
using Junction.Routing;
using Junction.Server.Auth;
using Junction.Server.Endpoints;
using Junction.Server.Errors;
using Junction.Server.Governance;
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
    private readonly GovernanceAccessor _governance;
    private readonly FailedAuthThrottle _throttle;
    private readonly ILogger _logger;

    public JunctionRequestMiddleware(RequestDelegate next, MasterKeyAuthenticator authenticator, JunctionRuntime runtime,
        GovernanceAccessor governance, FailedAuthThrottle throttle, ILogger<JunctionRequestMiddleware> logger)
    {
        _next = next;
        _authenticator = authenticator;
        _runtime = runtime;
        _governance = governance;
        _throttle = throttle;
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
            if (RequiresKey(http.Request.Path) && await AuthenticateAsync(http, context) is { } denied)
            {
                await ErrorWriter.WriteAsync(http, denied);
                return;
            }

            if (context.KeyId is not null || _authenticator.Enabled)
            {
                // Virtual keys are told apart by id (sticky rollouts split per key); the master key is one caller.
                context.CallerId = context.KeyId ?? "master";
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
            if (context.Admission is { } admission)
            {
                await admission.CompleteAsync(context, CancellationToken.None);
            }

            LogRequest(http, context);
        }
    }

    /// <summary>
    /// Decides who is calling and sets the <see cref="Principal"/> feature: a <c>sk-jn-</c> key is looked up by hash
    /// (cached) when governance is on; anything else is checked against the master key. Null when the request may go
    /// on; otherwise the error to send (401s are delayed for clients that keep failing).
    /// </summary>
    private async ValueTask<JunctionError?> AuthenticateAsync(HttpContext http, RequestContext context)
    {
        var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var presented = MasterKeyAuthenticator.ReadKey(http.Request);
        JunctionError? error;
        if (presented is not null && _governance.Services is { } governance && KeySecrets.LooksLikeVirtualKey(presented))
        {
            error = await AuthenticateVirtualKeyAsync(http, context, governance, presented);
        }
        else
        {
            error = _authenticator.Check(http.Request);
            http.Features.Set(Principal.Master);
        }

        if (error is { Status: StatusCodes.Status401Unauthorized })
        {
            if (_throttle.Fail(client) is { Ticks: > 0 } delay)
            {
                await Task.Delay(delay, _runtime.TimeProvider, http.RequestAborted);
            }
        }
        else if (error is null)
        {
            _throttle.Succeed(client);
        }

        return error;
    }

    private static async ValueTask<JunctionError?> AuthenticateVirtualKeyAsync(HttpContext http, RequestContext context, GovernanceServices governance, string presented)
    {
        var resolved = await governance.Resolver.ResolveAsync(presented, http.RequestAborted);
        if (resolved is null)
        {
            return GovernanceErrors.UnknownKey();
        }

        if (resolved.Key.Refusal(governance.TimeProvider.GetUtcNow()) is { } reason)
        {
            return GovernanceErrors.KeyRefused(reason);
        }

        var principal = resolved.Principal;
        http.Features.Set(principal);
        context.KeyId = resolved.Key.Id;
        context.TeamId = resolved.Key.TeamId;
        if (!http.Request.Path.StartsWithSegments("/v1"))
        {
            return null;
        }

        if (!Roles.MayInfer(principal.Role))
        {
            return GovernanceErrors.Forbidden($"A key with role '{principal.Role}' may not call the inference API.");
        }

        var admission = new KeyAdmission(resolved, governance);
        context.Admission = admission;
        context.RequestBytes = http.Request.ContentLength;
        http.Response.OnStarting(() =>
        {
            if (admission.RateLimits is { } limits)
            {
                RateLimitHeaders.Stamp(http.Response.Headers, limits);
            }

            return Task.CompletedTask;
        });
        return null;
    }

    private static bool RequiresKey(PathString path) =>
        !path.StartsWithSegments("/health/liveness") && !path.StartsWithSegments("/health/readiness") && !path.StartsWithSegments("/openapi.json");

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
            context.Usage?.PromptTokens ?? 0, context.Usage?.CompletionTokens ?? 0, context.FallbackModel ?? "-", DescribeAttempts(context),
            context.KeyId ?? "-", context.TeamId ?? "-");
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
            "{RequestId} {Method} {Path} {Status} model={Model} deployment={Deployment} attempts={Attempts} latency_ms={LatencyMs:0.###} overhead_ms={OverheadMs:0.###} prompt_tokens={PromptTokens} completion_tokens={CompletionTokens} fallback={FallbackModel} attempt_log={AttemptLog} key={KeyId} team={TeamId}",
            EventName = "Request")]
        public static partial void Request(ILogger logger, string requestId, string method, string path, int status, string model,
            string deployment, int attempts, double latencyMs, double overheadMs, int promptTokens, int completionTokens, string fallbackModel, string attemptLog,
            string keyId, string teamId);

        [LoggerMessage(2, LogLevel.Error, "Request {RequestId} failed inside Junction", EventName = "Unhandled")]
        public static partial void Unhandled(ILogger logger, Exception exception, string requestId);
    }
}
