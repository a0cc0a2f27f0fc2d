using System.Net;
using System.Text.Json;
using Junction.Server.Tests.Infrastructure;
using Junction.TestKit.OpenAI;
using Microsoft.Extensions.Time.Testing;

namespace Junction.Server.Tests.Routing;

/// <summary>Retries, fallbacks, cooldown, timeouts and overrides against scriptable fake upstreams on 127.0.0.1.</summary>
public sealed class RoutingEndToEndTests : IAsyncLifetime
{
    private const string Chat = """{"model":"gpt","messages":[{"role":"user","content":"hi"}]}""";
    private const string StreamChat = """{"model":"gpt","stream":true,"messages":[{"role":"user","content":"one two three four"}]}""";
    private FakeOpenAIUpstream _a = null!;
    private FakeOpenAIUpstream _b = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _a = await FakeOpenAIUpstream.StartAsync(cancellationToken: Ct);
        _b = await FakeOpenAIUpstream.StartAsync(cancellationToken: Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    private string Deployment(FakeOpenAIUpstream fake, string id, string extra = "") =>
        $"      - {{ provider: openai, id: {id}, model: gpt-4o, base_url: \"{fake.BaseUrl}\"{extra} }}\n";

    private Task<JunctionTestServer> StartAsync(string routing, string? more = null, TimeProvider? time = null) =>
        JunctionTestServer.StartAsync(
            "server: { host: 127.0.0.1, port: 0 }\nmodels:\n  - name: gpt\n    deployments:\n" +
            Deployment(_a, "a", ", priority: 0") + Deployment(_b, "b", ", priority: 1") +
            $"    routing: {routing}\n" + (more ?? ""), timeProvider: time);

    [Fact]
    public async Task OneFailingDeployment_IsAbsorbed_AndBothAttemptsAreVisible()
    {
        await using var server = await StartAsync("{ strategy: priority, retries: 2 }");
        _a.Enqueue(FakeBehavior.Error(500, "server_error", null, "The server had an error"));

        using var response = await server.PostJsonAsync("/v1/chat/completions", Chat, cancellationToken: Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("b", response.Headers.GetValues("x-junction-deployment").Single());
        Assert.Equal("2", response.Headers.GetValues("x-junction-attempts").Single());
        var id = response.Headers.GetValues("x-request-id").Single();
        Assert.NotEmpty(await server.Logs.WaitForAsync(l => l.Contains(id, StringComparison.Ordinal) && l.Contains("a:500:", StringComparison.Ordinal) && l.Contains("b:200:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task NonRetryableError_IsNotRetried()
    {
        await using var server = await StartAsync("{ strategy: priority, retries: 2 }");
        _a.Enqueue(FakeBehavior.Error(400, "invalid_request_error", null, "bad"));
        using var response = await server.PostJsonAsync("/v1/chat/completions", Chat, cancellationToken: Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, _b.RequestCount);
    }

    [Fact]
    public async Task WholeGroupFails_FallbackModelAnswers()
    {
        await using var server = await StartAsync("{ strategy: priority, retries: 1, fallbacks: [backup] }",
            $"  - name: backup\n    deployments:\n      - {{ provider: mock, id: backup-mock }}\n");
        _a.Enqueue(FakeBehavior.Error(503, "server_error", null, "overloaded"));
        _b.Enqueue(FakeBehavior.Error(503, "server_error", null, "overloaded"));

        using var response = await server.PostJsonAsync("/v1/chat/completions", Chat, cancellationToken: Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("backup", response.Headers.GetValues("x-junction-fallback-model").Single());
        Assert.Equal("backup-mock", response.Headers.GetValues("x-junction-deployment").Single());
        Assert.Equal("3", response.Headers.GetValues("x-junction-attempts").Single());
    }

    [Fact]
    public async Task ContextWindowError_GoesToItsOwnFallbackList()
    {
        await using var server = await StartAsync("{ strategy: priority, retries: 1, fallbacks: [general], context_window_fallbacks: [bigger] }",
            "  - name: general\n    deployments:\n      - { provider: mock, id: general-mock }\n" +
            "  - name: bigger\n    deployments:\n      - { provider: mock, id: bigger-mock }\n");
        _a.Enqueue(FakeBehavior.Error(400, "invalid_request_error", "context_length_exceeded", "This model's maximum context length is 128000 tokens."));

        using var response = await server.PostJsonAsync("/v1/chat/completions", Chat, cancellationToken: Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("bigger", response.Headers.GetValues("x-junction-fallback-model").Single());
        Assert.Equal(0, _b.RequestCount);
    }

    [Fact]
    public async Task AllFail_ErrorNamesTheRealUpstreamCause()
    {
        await using var server = await StartAsync("{ strategy: priority, retries: 1 }");
        _a.Enqueue(FakeBehavior.Error(503, "server_error", null, "The engine is currently overloaded"));
        _b.Enqueue(FakeBehavior.Error(503, "server_error", null, "The engine is currently overloaded"));
        using var response = await server.PostJsonAsync("/v1/chat/completions", Chat, cancellationToken: Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("The engine is currently overloaded", doc.RootElement.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal("openai", doc.RootElement.GetProperty("error").GetProperty("provider").GetString());
    }

    [Fact]
    public async Task Stream_FailureBeforeFirstByte_IsRetriedOnNextDeployment()
    {
        await using var server = await StartAsync("{ strategy: priority, retries: 1 }");
        _a.Enqueue(FakeBehavior.Error(500, "server_error", null, "boom"));
        using var response = await server.PostJsonAsync("/v1/chat/completions", StreamChat, cancellationToken: Ct);
        var events = await Sse.ReadDataAsync(response, Ct);
        Assert.Equal("[DONE]", events[^1]);
        Assert.Equal("echo: one two three four", Sse.ContentOf(events));
        Assert.Equal("b", response.Headers.GetValues("x-junction-deployment").Single());
    }

    [Fact]
    public async Task Stream_FailureAfterFirstByte_IsNotRetried()
    {
        await using var server = await StartAsync("{ strategy: priority, retries: 2 }");
        _a.Enqueue(FakeBehavior.ResetMidStream(2));
        using var response = await server.PostJsonAsync("/v1/chat/completions", StreamChat, cancellationToken: Ct);
        var events = await Sse.ReadDataAsync(response, Ct);
        Assert.Contains("\"error\"", events[^1], StringComparison.Ordinal);
        Assert.Equal(0, _b.RequestCount);
    }

    [Fact]
    public async Task Stream_SlowFirstByte_MovesToNextDeployment()
    {
        await using var server = await StartAsync("{ strategy: priority, retries: 1, first_token_timeout_s: 0.5 }");
        _a.Enqueue(FakeBehavior.SlowFirstByte(TimeSpan.FromSeconds(10)));
        using var response = await server.PostJsonAsync("/v1/chat/completions", StreamChat, cancellationToken: Ct);
        var events = await Sse.ReadDataAsync(response, Ct);
        Assert.Equal("[DONE]", events[^1]);
        Assert.Equal("b", response.Headers.GetValues("x-junction-deployment").Single());
        await _a.WaitForAbortAsync(TimeSpan.FromSeconds(5), Ct);
    }

    [Fact]
    public async Task AttemptTimeout_MovesToNextDeployment()
    {
        await using var server = await StartAsync("{ strategy: priority, retries: 1, attempt_timeout_s: 0.5 }");
        _a.Enqueue(FakeBehavior.Hang());
        using var response = await server.PostJsonAsync("/v1/chat/completions", Chat, cancellationToken: Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("b", response.Headers.GetValues("x-junction-deployment").Single());
    }

    [Fact]
    public async Task Weights_HoldOverManyRequests()
    {
        await using var server = await JunctionTestServer.StartAsync(
            "server: { host: 127.0.0.1, port: 0 }\nmodels:\n  - name: gpt\n    deployments:\n" +
            Deployment(_a, "a", ", weight: 1") + Deployment(_b, "b", ", weight: 3") + "    routing: { strategy: weighted }\n");
        const int n = 400;
        for (var i = 0; i < n; i++)
        {
            using var response = await server.PostJsonAsync("/v1/chat/completions", Chat, cancellationToken: Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(n, _a.RequestCount + _b.RequestCount);
        Assert.InRange(_b.RequestCount / (double)n, 0.68, 0.82);
    }

    [Fact]
    public async Task CoolingDownDeployment_GetsNoTrafficUntilItsTimeIsUp()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await StartAsync("{ strategy: priority, retries: 1, cooldown: { failures: 1, window_s: 60, duration_s: 30 } }", time: clock);
        _a.Enqueue(FakeBehavior.Error(500, "server_error", null, "boom"));
        using (var first = await server.PostJsonAsync("/v1/chat/completions", Chat, cancellationToken: Ct))
        {
            Assert.Equal("b", first.Headers.GetValues("x-junction-deployment").Single());
        }

        using (var health = await server.Http.GetAsync("/health/deployments", Ct))
        {
            var text = await health.Content.ReadAsStringAsync(Ct);
            Assert.Contains("\"cooling_down\"", text, StringComparison.Ordinal);
        }

        for (var i = 0; i < 10; i++)
        {
            using var response = await server.PostJsonAsync("/v1/chat/completions", Chat, cancellationToken: Ct);
            Assert.Equal("b", response.Headers.GetValues("x-junction-deployment").Single());
        }

        Assert.Equal(1, _a.RequestCount);
        clock.Advance(TimeSpan.FromSeconds(31));
        using var after = await server.PostJsonAsync("/v1/chat/completions", Chat, cancellationToken: Ct);
        Assert.Equal("a", after.Headers.GetValues("x-junction-deployment").Single());
    }

    [Fact]
    public async Task RetryAfter_IsHonouredBeforeComingBackToTheSameDeployment()
    {
        await using var server = await JunctionTestServer.StartAsync(
            "server: { host: 127.0.0.1, port: 0 }\nmodels:\n  - name: gpt\n    deployments:\n" + Deployment(_a, "a") + "    routing: { retries: 1 }\n");
        _a.Enqueue(FakeBehavior.RateLimited(TimeSpan.FromSeconds(1)));
        var started = DateTime.UtcNow;
        using var response = await server.PostJsonAsync("/v1/chat/completions", Chat, cancellationToken: Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, _a.RequestCount);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(0.95), "the retry must wait for Retry-After");
    }

    [Fact]
    public async Task AllDeploymentsAtRpmLimit_Is429WithRetryAfter()
    {
        await using var server = await JunctionTestServer.StartAsync(
            "server: { host: 127.0.0.1, port: 0 }\nmodels:\n  - name: gpt\n    deployments:\n" + Deployment(_a, "a", ", rpm: 2") + "    routing: { strategy: usage }\n");
        for (var i = 0; i < 2; i++)
        {
            using var ok = await server.PostJsonAsync("/v1/chat/completions", Chat, cancellationToken: Ct);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var limited = await server.PostJsonAsync("/v1/chat/completions", Chat, cancellationToken: Ct);
        Assert.Equal((HttpStatusCode)429, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(2, _a.RequestCount);
    }

    [Fact]
    public async Task HeaderOverrides_NarrowRetriesAndAddFallbacks_UnknownKeysAre400()
    {
        await using var server = await StartAsync("{ strategy: priority, retries: 2 }",
            "  - name: backup\n    deployments:\n      - { provider: mock, id: backup-mock }\n");
        _a.Enqueue(FakeBehavior.Error(500, "server_error", null, "boom"));
        using (var noRetry = await server.PostJsonAsync("/v1/chat/completions", Chat, headers: new Dictionary<string, string> { ["x-junction-config"] = """{"retries":0}""" }, cancellationToken: Ct))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, noRetry.StatusCode);
            Assert.Equal(0, _b.RequestCount);
        }

        _a.Enqueue(FakeBehavior.Error(500, "server_error", null, "boom"));
        using (var fallback = await server.PostJsonAsync("/v1/chat/completions", Chat, headers: new Dictionary<string, string> { ["x-junction-config"] = """{"retries":0,"fallbacks":["backup"]}""" }, cancellationToken: Ct))
        {
            Assert.Equal(HttpStatusCode.OK, fallback.StatusCode);
            Assert.Equal("backup", fallback.Headers.GetValues("x-junction-fallback-model").Single());
        }

        using var bad = await server.PostJsonAsync("/v1/chat/completions", Chat, headers: new Dictionary<string, string> { ["x-junction-config"] = """{"retrys":0}""" }, cancellationToken: Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("x-junction-config", await bad.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HeaderOverrides_CanBeForbidden()
    {
        await using var server = await StartAsync("{ retries: 0 }", "router: { allow_request_overrides: false }\n");
        using var response = await server.PostJsonAsync("/v1/chat/completions", Chat, headers: new Dictionary<string, string> { ["x-junction-config"] = """{"retries":0}""" }, cancellationToken: Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("routing_overrides_disabled", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
