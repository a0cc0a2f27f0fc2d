using Junction.Protocol.OpenAI;

namespace Junction.Migration;

/// <summary>What one side of a shadowed request did: how it ended, how long it took, what it cost and what it said.</summary>
public sealed record ShadowOutcome
{
    /// <summary>HTTP-style status: 200 for an answer, the error's status otherwise.</summary>
    public int Status { get; init; } = 200;

    /// <summary>The error kind (<c>RateLimited</c>, <c>Timeout</c>, ...) when it failed.</summary>
    public string? ErrorKind { get; init; }

    public TimeSpan Latency { get; init; }

    public TimeSpan? TimeToFirstToken { get; init; }

    public Usage? Usage { get; init; }

    public decimal? CostUsd { get; init; }

    /// <summary>The deployment that answered.</summary>
    public string? Deployment { get; init; }

    /// <summary>The answer's text (first choice); stored only when <c>logging.store_content</c> is on.</summary>
    public string? Text { get; init; }

    public IReadOnlyList<ToolCall>? ToolCalls { get; init; }

    public bool Succeeded => Status is >= 200 and < 300;

    /// <summary>The outcome of an answer.</summary>
    public static ShadowOutcome FromResponse(ChatCompletionResponse response, TimeSpan latency, TimeSpan? ttft, string? deployment, decimal? cost) =>
        new()
        {
            Latency = latency,
            TimeToFirstToken = ttft,
            Usage = response.Usage,
            CostUsd = cost,
            Deployment = deployment,
            Text = response.Choices.Count > 0 ? response.Choices[0].Message.Content : null,
            ToolCalls = response.Choices.Count > 0 ? response.Choices[0].Message.ToolCalls : null,
        };
}
