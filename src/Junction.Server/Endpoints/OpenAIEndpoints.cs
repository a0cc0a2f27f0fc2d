using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Junction.Migration;
using Junction.Protocol.OpenAI;
using Junction.Streaming;
using Junction.Resilience;
using Junction.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Junction.Server.Endpoints;

/// <summary>The OpenAI-compatible surface: chat, legacy completions, embeddings and model listing under <c>/v1</c>.</summary>
internal static class OpenAIEndpoints
{
    public static IEndpointRouteBuilder MapOpenAIEndpoints(this IEndpointRouteBuilder endpoints, JunctionRuntime runtime)
    {
        var router = runtime.Router;
        endpoints.MapPost("/v1/chat/completions", (RequestDelegate)(http => ChatAsync(http, router, null)));
        endpoints.MapPost("/v1/completions", (RequestDelegate)(http => CompletionsAsync(http, router, null)));
        endpoints.MapPost("/v1/embeddings", (RequestDelegate)(http => EmbeddingsAsync(http, router, null)));
        endpoints.MapGet("/v1/models", (RequestDelegate)(http => ListModelsAsync(http, runtime)));
        endpoints.MapGet("/v1/models/{**id}", (RequestDelegate)(http => GetModelAsync(http, runtime)));
        return endpoints;
    }

    /// <param name="http">The request.</param>
    /// <param name="router">The router.</param>
    /// <param name="routeModel">The public model named by the path (Azure's <c>{deployment}</c>); it replaces the body's <c>model</c>.</param>
    internal static async Task ChatAsync(HttpContext http, JunctionRouter router, string? routeModel)
    {
        var context = http.Features.GetRequiredFeature<RequestContext>();
        var request = await RequestBodyReader.ReadAsync(http, OpenAIJsonContext.Wire.ChatCompletionRequest);
        request.Model = routeModel ?? request.Model;
        Require(request.Model, "model");
        if (request.Messages is null)
        {
            throw new JunctionException(JunctionErrors.MissingField("messages"));
        }

        if (request.Messages.Count == 0)
        {
            throw new JunctionException(JunctionErrors.InvalidRequest("'messages' must contain at least one message.", "messages", "empty_array"));
        }

        if (context.ClientMetadata is null && request.Metadata is { } metadata)
        {
            context.ClientMetadata = ClientMetadata.FromElement(metadata);
        }

        var observer = http.RequestServices.GetRequiredService<JunctionRuntime>().ChatObserver;
        if (observer is null || !observer.Wants(request.Model!))
        {
            observer = null;
        }

        try
        {
            if (request.Stream == true)
            {
                var stream = await router.StreamChatAsync(request, context, http.RequestAborted);
                var assembler = observer is null ? null : new ChatStreamAssembler();
                TimeSpan? firstToken = null;
                var failed = await SseWriter.WriteAsync(http, stream, context, OpenAIJsonContext.Wire.ChatCompletionChunk,
                    assembler is null ? null : chunk =>
                    {
                        firstToken ??= context.Elapsed;
                        assembler.Add(chunk);
                    });
                observer?.OnChatCompleted(new ChatExchange(context, request, failed is null ? assembler!.ToResponse() : null, failed, context.Elapsed, firstToken));
                return;
            }

            var response = await router.CompleteChatAsync(request, context, http.RequestAborted);
            await WriteJsonAsync(http, context, response, OpenAIJsonContext.Wire.ChatCompletionResponse);
            observer?.OnChatCompleted(new ChatExchange(context, request, response, null, context.Elapsed, null));
        }
        catch (JunctionException ex) when (observer is not null)
        {
            observer.OnChatCompleted(new ChatExchange(context, request, null, ex.Error, context.Elapsed, null));
            throw;
        }
    }

    /// <param name="http">The request.</param>
    /// <param name="router">The router.</param>
    /// <param name="routeModel">The public model named by the path (Azure's <c>{deployment}</c>); it replaces the body's <c>model</c>.</param>
    internal static async Task CompletionsAsync(HttpContext http, JunctionRouter router, string? routeModel)
    {
        var context = http.Features.GetRequiredFeature<RequestContext>();
        var request = await RequestBodyReader.ReadAsync(http, OpenAIJsonContext.Wire.CompletionRequest);
        request.Model = routeModel ?? request.Model;
        Require(request.Model, "model");
        if (request.Prompt is null)
        {
            throw new JunctionException(JunctionErrors.MissingField("prompt"));
        }

        if (request.Stream == true)
        {
            var stream = await router.StreamTextAsync(request, context, http.RequestAborted);
            await SseWriter.WriteAsync(http, stream, context, OpenAIJsonContext.Wire.CompletionResponse);
            return;
        }

        var response = await router.CompleteTextAsync(request, context, http.RequestAborted);
        await WriteJsonAsync(http, context, response, OpenAIJsonContext.Wire.CompletionResponse);
    }

    /// <param name="http">The request.</param>
    /// <param name="router">The router.</param>
    /// <param name="routeModel">The public model named by the path (Azure's <c>{deployment}</c>); it replaces the body's <c>model</c>.</param>
    internal static async Task EmbeddingsAsync(HttpContext http, JunctionRouter router, string? routeModel)
    {
        var context = http.Features.GetRequiredFeature<RequestContext>();
        var request = await RequestBodyReader.ReadAsync(http, OpenAIJsonContext.Wire.EmbeddingRequest);
        request.Model = routeModel ?? request.Model;
        Require(request.Model, "model");
        if (request.Input is not { } input || input.ValueKind is JsonValueKind.Null)
        {
            throw new JunctionException(JunctionErrors.MissingField("input"));
        }

        if (input.ValueKind is not (JsonValueKind.String or JsonValueKind.Array))
        {
            throw new JunctionException(JunctionErrors.InvalidRequest(
                "Invalid type for 'input': expected a string, an array of strings, or an array of token arrays.", "input", "invalid_type"));
        }

        if (request.EncodingFormat is { } format && format is not ("float" or "base64"))
        {
            throw new JunctionException(JunctionErrors.InvalidRequest(
                "Invalid value for 'encoding_format': expected 'float' or 'base64'.", "encoding_format", "invalid_value"));
        }

        var response = await router.EmbedAsync(request, context, http.RequestAborted);
        await WriteJsonAsync(http, context, response, OpenAIJsonContext.Wire.EmbeddingResponse);
    }

    internal static Task ListModelsAsync(HttpContext http, JunctionRuntime runtime)
    {
        // A virtual key sees the models it may use; the master key (or open local use) sees them all.
        var admission = http.Features.Get<RequestContext>()?.Admission;
        var list = new ModelList();
        foreach (var group in runtime.Router.Table.Models)
        {
            if (admission is null || admission.AllowsModel(group.Name))
            {
                list.Data.Add(new ModelInfo { Id = group.Name, Created = runtime.StartedAt });
            }
        }

        return WriteJsonAsync(http, null, list, OpenAIJsonContext.Wire.ModelList);
    }

    internal static Task GetModelAsync(HttpContext http, JunctionRuntime runtime)
    {
        var id = (string)http.GetRouteValue("id")!;
        var admission = http.Features.Get<RequestContext>()?.Admission;
        if (!runtime.Router.Table.TryGetGroup(id, out var group) || (admission is not null && !admission.AllowsModel(group.Name)))
        {
            throw new JunctionException(JunctionErrors.ModelNotFound(id));
        }

        return WriteJsonAsync(http, null, new ModelInfo { Id = group.Name, Created = runtime.StartedAt }, OpenAIJsonContext.Wire.ModelInfo);
    }

    internal static void Require(string? value, string field)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new JunctionException(JunctionErrors.MissingField(field));
        }
    }

    internal static async Task WriteJsonAsync<T>(HttpContext http, RequestContext? context, T value, JsonTypeInfo<T> typeInfo)
    {
        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        if (context is not null)
        {
            ResponseHeaders.Stamp(response, context);
        }

        // Serialize synchronously into the response pipe, then flush once: answers are small and already in memory.
        using (var json = new Utf8JsonWriter(response.BodyWriter, new JsonWriterOptions { SkipValidation = true, Encoder = OpenAIJsonContext.Wire.Options.Encoder }))
        {
            JsonSerializer.Serialize(json, value, typeInfo);
        }

        await response.BodyWriter.FlushAsync(http.RequestAborted);
    }
}
