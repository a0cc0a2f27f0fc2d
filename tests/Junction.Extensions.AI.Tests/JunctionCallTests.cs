using System.Text.Json;
using Junction.Extensions.AI.Tests.TestSupport;
using Junction.Routing;
using Microsoft.Extensions.AI;

namespace Junction.Extensions.AI.Tests;

public sealed class JunctionCallTests
{
    private static JunctionRuntime Runtime(bool allowOverrides = true)
    {
        var options = Configs.Options("models: [{ name: demo, deployments: [{ provider: mock }] }, { name: other, deployments: [{ provider: mock }] }]");
        options.Router.AllowRequestOverrides = allowOverrides;
        return JunctionRuntime.Create(options);
    }

    [Fact]
    public void Start_OverridesAsJsonTextObjectOrElement_AreApplied()
    {
        using var runtime = Runtime();
        using var element = JsonDocument.Parse("""{"retries":0}""");
        Assert.Equal(["other"], JunctionCall.Start(runtime, new() { ["junction"] = """{"fallbacks":["other"],"retries":2}""" }).Context.Overrides!.Fallbacks!);
        Assert.Equal(3, JunctionCall.Start(runtime, new() { ["junction"] = new RoutingOverrides { Retries = 3 } }).Context.Overrides!.Retries);
        Assert.Equal(0, JunctionCall.Start(runtime, new() { ["junction"] = element.RootElement }).Context.Overrides!.Retries);
    }

    [Fact]
    public void Start_JunctionKeys_AreNotPassedThrough_OthersAre()
    {
        using var runtime = Runtime();
        var call = JunctionCall.Start(runtime, new() { ["junction"] = "{}", ["junction.request_id"] = "my-id", ["strictJsonSchema"] = true, ["user"] = "u" });

        Assert.Equal("my-id", call.Context.RequestId);
        Assert.True(call.Strict);
        Assert.Equal(["user"], call.Passthrough.Select(p => p.Key));
    }

    [Fact]
    public void Start_InvalidOverrides_ThrowsTheProxys400()
    {
        using var runtime = Runtime();
        var ex = Assert.Throws<JunctionRequestException>(() => JunctionCall.Start(runtime, new() { ["junction"] = """{"retries":"x"}""" }));
        Assert.Equal((400, "invalid_request_error", "invalid_routing_config", "x-junction-config"), (ex.Status, ex.ErrorType, ex.Code, ex.Param));
        Assert.StartsWith("req_", ex.RequestId, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_OverridesDisabledInConfig_ThrowsLikeTheProxy()
    {
        using var runtime = Runtime(allowOverrides: false);
        var ex = Assert.Throws<JunctionRequestException>(() => JunctionCall.Start(runtime, new() { ["junction"] = "{}" }));
        Assert.Equal("routing_overrides_disabled", ex.Code);
    }

    [Fact]
    public void Start_BadRequestId_Throws400()
    {
        using var runtime = Runtime();
        var ex = Assert.Throws<JunctionRequestException>(() => JunctionCall.Start(runtime, new AdditionalPropertiesDictionary { ["junction.request_id"] = "has space" }));
        Assert.Equal(400, ex.Status);
    }
}
