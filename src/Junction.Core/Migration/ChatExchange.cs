using Junction.Protocol.OpenAI;
using Junction.Resilience;
using Junction.Routing;

namespace Junction.Migration;

/// <summary>
/// A finished chat request as the edge saw it: the request, the answer (assembled for streams) or the error, and the
/// timings. Handed to <see cref="IChatExchangeObserver"/>s after the client has its answer.
/// </summary>
public sealed record ChatExchange(
    RequestContext Context, ChatCompletionRequest Request, ChatCompletionResponse? Response, JunctionError? Error,
    TimeSpan Latency, TimeSpan? TimeToFirstToken)
{
    public int Status => Error?.Status ?? 200;
}
