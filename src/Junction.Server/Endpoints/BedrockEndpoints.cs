using System.Text.Json;
using Junction.Protocol.OpenAI;
using Junction.Providers.Bedrock;
using Junction.Resilience;
using Junction.Routing;
using Junction.Server.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Junction.Server.Endpoints;

/// <summary>
/// The Bedrock-native surface: <c>POST /bedrock/model/{modelId}/converse | converse-stream | invoke |
/// invoke-with-response-stream</c> in Bedrock's own shapes, so AWS SDK clients only change <c>endpoint_url</c> and
/// send a Junction key as a Bedrock API key (bearer). <c>{modelId}</c> is a public model name, or the upstream
/// <c>model</c> of a configured deployment (its public model is then used). A model whose deployments are all Bedrock
/// gets the client's body re-signed and passed through (streams frame by frame); any other model gets Converse
/// translated to an OpenAI chat request and the answer translated back. InvokeModel bodies are model-native, so
/// <c>invoke</c> needs a Bedrock deployment. Errors are Bedrock-shaped (<see cref="BedrockErrorWriter"/>).
/// </summary>
internal static class BedrockEndpoints
{
    public static IEndpointRouteBuilder MapBedrockEndpoints(this IEndpointRouteBuilder endpoints, JunctionRuntime runtime)
    {
        var group = endpoints.MapGroup("/bedrock/model/{modelId}");
        group.WithMetadata(BedrockErrorShape.Instance);
        group.MapPost("/" + BedrockDeploymentSettings.ConverseOperation, (RequestDelegate)(http => ConverseAsync(http, runtime, stream: false)));
        group.MapPost("/" + BedrockDeploymentSettings.ConverseStreamOperation, (RequestDelegate)(http => ConverseAsync(http, runtime, stream: true)));
        group.MapPost("/" + BedrockDeploymentSettings.InvokeOperation, (RequestDelegate)(http => InvokeAsync(http, runtime, stream: false)));
        group.MapPost("/" + BedrockDeploymentSettings.InvokeStreamOperation, (RequestDelegate)(http => InvokeAsync(http, runtime, stream: true)));
        return endpoints;
    }

    private static async Task ConverseAsync(HttpContext http, JunctionRuntime runtime, bool stream)
    {
        var context = http.Features.GetRequiredFeature<RequestContext>();
        var router = runtime.Router;
        var group = Resolve(router.Table, http);
        var body = await ReadBodyAsync(http);
        if (group.Deployments.All(d => d.Provider is BedrockProvider))
        {
            await PassThroughAsync(http, router, group.Name, stream ? BedrockDeploymentSettings.ConverseStreamOperation : BedrockDeploymentSettings.ConverseOperation,
                body, stream, context);
            return;
        }

        ConverseRequest converse;
        try
        {
            converse = JsonSerializer.Deserialize(body, BedrockJsonContext.Default.ConverseRequest)
                ?? throw new JsonException("null body");
        }
        catch (JsonException ex)
        {
            throw new JunctionException(RequestBodyReader.Describe(ex), ex);
        }

        var request = BedrockConverseMapper.ToChatRequest(converse, group.Name);
        if (!stream)
        {
            var response = await router.CompleteChatAsync(request, context, http.RequestAborted);
            var converted = BedrockConverseMapper.FromChatResponse(response, (long)context.Elapsed.TotalMilliseconds);
            await WriteBodyAsync(http, context, JsonSerializer.SerializeToUtf8Bytes(converted, BedrockJsonContext.Default.ConverseResponse),
                BedrockTransport.JsonMediaType);
            return;
        }

        request.Stream = true;
        request.StreamOptions = new StreamOptions { IncludeUsage = true };
        var chunks = await router.StreamChatAsync(request, context, http.RequestAborted);
        var mapper = new BedrockConverseStreamMapper();
        await BedrockEventStreamWriter.WriteAsync(http, context, chunks,
            chunk => mapper.OnChunk(chunk).Select(e => EventStreamWriter.EncodeEvent(e.EventType, e.Payload)),
            () => mapper.Finish((long)context.Elapsed.TotalMilliseconds).Select(e => EventStreamWriter.EncodeEvent(e.EventType, e.Payload)));
    }

    private static async Task InvokeAsync(HttpContext http, JunctionRuntime runtime, bool stream)
    {
        var context = http.Features.GetRequiredFeature<RequestContext>();
        var group = Resolve(runtime.Router.Table, http);
        var body = await ReadBodyAsync(http);
        if (!group.Supports<BedrockProvider>())
        {
            throw new JunctionException(JunctionErrors.InvalidRequest(
                $"The model '{group.Name}' has no Bedrock deployment. InvokeModel bodies are model-native, so Junction passes them only to " +
                "Bedrock deployments; use Converse (converse / converse-stream), which Junction translates for every provider.", "modelId"));
        }

        await PassThroughAsync(http, runtime.Router, group.Name,
            stream ? BedrockDeploymentSettings.InvokeStreamOperation : BedrockDeploymentSettings.InvokeOperation, body, stream, context);
    }

    private static async Task PassThroughAsync(HttpContext http, JunctionRouter router, string model, string operation, byte[] body, bool stream,
        RequestContext context)
    {
        if (stream)
        {
            var frames = await router.OpenProviderStreamAsync<BedrockProvider, EventStreamMessage>(model, context, BedrockNativeStreamUsage.Instance,
                (provider, deployment, token) => provider.StreamNativeAsync(operation, body, deployment, context, token), http.RequestAborted);
            await BedrockEventStreamWriter.WriteAsync(http, context, frames,
                frame => [EventStreamWriter.Encode(frame.Headers, frame.Payload.Span)], static () => []);
            return;
        }

        var answer = await router.CallProviderAsync<BedrockProvider, BedrockNativeResponse>(model, context,
            (provider, deployment, token) => provider.SendNativeAsync(operation, body, deployment, context, token), UsageOf, http.RequestAborted);
        if (answer.InputTokens is { } input)
        {
            http.Response.Headers[BedrockTransport.InputTokenCountHeader] = input.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (answer.OutputTokens is { } output)
        {
            http.Response.Headers[BedrockTransport.OutputTokenCountHeader] = output.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await WriteBodyAsync(http, context, answer.Body, answer.ContentType);
    }

    /// <summary>Usage of a passed-through answer: the InvokeModel token headers, else a Converse body's <c>usage</c>.</summary>
    private static Usage? UsageOf(BedrockNativeResponse answer)
    {
        if (answer.InputTokens is { } input)
        {
            var output = answer.OutputTokens ?? 0;
            return new Usage { PromptTokens = input, CompletionTokens = output, TotalTokens = input + output };
        }

        try
        {
            return JsonSerializer.Deserialize(answer.Body, BedrockJsonContext.Default.ConverseResponse)?.Usage is { } usage
                ? BedrockChatMapper.FromUsage(usage)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A public model name, else the public model of the first deployment whose upstream model id is <c>{modelId}</c>.</summary>
    private static ModelGroup Resolve(RoutingTable table, HttpContext http)
    {
        var modelId = Uri.UnescapeDataString((string)http.GetRouteValue("modelId")!);
        if (table.TryGetGroup(modelId, out var group))
        {
            return group;
        }

        foreach (var candidate in table.Models)
        {
            if (candidate.Deployments.Any(d => string.Equals(d.UpstreamModel, modelId, StringComparison.Ordinal)))
            {
                return candidate;
            }
        }

        throw new JunctionException(JunctionErrors.ModelNotFound(modelId) with
        {
            Message = $"The model '{modelId}' is neither a model of this Junction gateway nor the upstream model of one of its deployments.",
        });
    }

    private static async Task<byte[]> ReadBodyAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        return buffer.ToArray();
    }

    private static async Task WriteBodyAsync(HttpContext http, RequestContext context, byte[] body, string contentType)
    {
        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        response.Headers["x-amzn-RequestId"] = context.RequestId;
        ResponseHeaders.Stamp(response, context);
        await response.Body.WriteAsync(body, http.RequestAborted);
    }
}
