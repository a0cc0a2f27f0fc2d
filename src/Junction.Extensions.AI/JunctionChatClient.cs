using System.Runtime.CompilerServices;
using Junction.Protocol.OpenAI;
using Junction.Resilience;
using Microsoft.Extensions.AI;
using ChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace Junction.Extensions.AI;

/// <summary>
/// An <see cref="IChatClient"/> over Junction's router, in process: the same deployments, strategies, retries,
/// fallbacks, cooldowns and provider adapters as the proxy, with no HTTP hop to it. The model is
/// <see cref="ChatOptions.ModelId"/>, else the default given here; it is a public model name from the config.
/// Failures throw <see cref="JunctionRequestException"/>.
/// </summary>
public sealed class JunctionChatClient : IChatClient
{
    private readonly JunctionRuntime _runtime;
    private readonly ChatClientMetadata _metadata;

    public JunctionChatClient(JunctionRuntime runtime, string? defaultModelId = null)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        _runtime = runtime;
        DefaultModelId = defaultModelId;
        _metadata = new ChatClientMetadata(JunctionInfo.Name, providerUri: null, defaultModelId);
    }

    /// <summary>The public model used when <see cref="ChatOptions.ModelId"/> is not set.</summary>
    public string? DefaultModelId { get; }

    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (call, request) = Prepare(messages, options);
        try
        {
            var response = await _runtime.Router.CompleteChatAsync(request, call.Context, cancellationToken).ConfigureAwait(false);
            return ChatResponseMapper.ToChatResponse(response, call.Context);
        }
        catch (JunctionException ex)
        {
            throw JunctionRequestException.From(ex, call.Context.RequestId);
        }
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (call, request) = Prepare(messages, options);
        request.Stream = true;
        request.StreamOptions = new StreamOptions { IncludeUsage = true, Extra = request.StreamOptions?.Extra };
        Routing.RoutedStream<ChatCompletionChunk> stream;
        try
        {
            stream = await _runtime.Router.StreamChatAsync(request, call.Context, cancellationToken).ConfigureAwait(false);
        }
        catch (JunctionException ex)
        {
            throw JunctionRequestException.From(ex, call.Context.RequestId);
        }

        var mapper = new ChatStreamMapper();
        await using (stream.ConfigureAwait(false))
        {
            var chunks = stream.ReadAllAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
            try
            {
                while (await NextAsync(chunks, call).ConfigureAwait(false))
                {
                    yield return mapper.Map(chunks.Current);
                }
            }
            finally
            {
                await chunks.DisposeAsync().ConfigureAwait(false);
            }
        }

        if (mapper.Flush() is { } pending)
        {
            yield return pending;
        }

        // The stream has completed, so cost and the serving deployment are known now.
        yield return mapper.Final(ChatResponseMapper.ToAdditionalProperties(call.Context));
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType == typeof(JunctionRuntime) ? _runtime
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
        // The runtime is shared and owned by whoever created it.
    }

    private (JunctionCall Call, ChatCompletionRequest Request) Prepare(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var call = JunctionCall.Start(_runtime, options?.AdditionalProperties);
        var request = ChatRequestMapper.ToChatCompletionRequest(messages, options, DefaultModelId, this, call.Passthrough, call.Strict);
        if (request.Messages is not { Count: > 0 })
        {
            // The proxy's answer to an empty 'messages'.
            throw new JunctionRequestException(
                JunctionErrors.InvalidRequest("'messages' must contain at least one message.", "messages", "empty_array"), call.Context.RequestId);
        }

        return (call, request);
    }

    private static async ValueTask<bool> NextAsync(IAsyncEnumerator<ChatCompletionChunk> chunks, JunctionCall call)
    {
        try
        {
            return await chunks.MoveNextAsync().ConfigureAwait(false);
        }
        catch (JunctionException ex)
        {
            throw JunctionRequestException.From(ex, call.Context.RequestId);
        }
    }
}
