using Junction.Budgets;

namespace Junction.Spend;

/// <summary>Turns a finished request into its spend-log row.</summary>
public static class SpendRecords
{
    public static SpendRecord From(RequestCompleted request, bool storeContent)
    {
        ArgumentNullException.ThrowIfNull(request);
        var context = request.Context;
        var usage = request.Usage;
        var cached = usage?.PromptTokensDetails?.CachedTokens ?? 0;
        return new SpendRecord
        {
            Id = Guid.CreateVersion7(request.StartedAt).ToString("N"),
            RequestId = request.RequestId,
            At = request.StartedAt,
            KeyId = context.KeyId,
            TeamId = context.TeamId,
            UserId = context.UserId,
            Operation = request.Operation,
            Model = request.Model,
            Deployment = request.Deployment,
            Provider = request.Provider,
            Status = request.Status,
            ErrorCode = request.Error is { } error ? error.Code ?? error.Kind.ToString() : request.Status == 499 ? "client_closed" : null,
            Attempts = request.Attempts.Count,
            Streamed = request.Streamed,
            PromptTokens = usage?.PromptTokens ?? 0,
            CompletionTokens = usage?.CompletionTokens ?? 0,
            CachedTokens = cached,
            CostNanos = request.Cost is { } cost ? Nanos.FromUsd(cost) : 0,
            Unpriced = request.Unpriced,
            UsageEstimated = request.UsageEstimated,
            LatencyMs = Math.Round(request.Latency.TotalMilliseconds, 3),
            TimeToFirstTokenMs = request.TimeToFirstToken is { } ttft ? Math.Round(ttft.TotalMilliseconds, 3) : null,
            CacheHit = cached > 0,
            Metadata = context.ClientMetadata,
            Prompt = storeContent ? context.PromptText : null,
            Completion = storeContent ? context.CompletionText : null,
        };
    }
}
