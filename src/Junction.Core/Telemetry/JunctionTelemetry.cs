using System.Diagnostics;

namespace Junction.Telemetry;

/// <summary>
/// Junction's one <see cref="ActivitySource"/> and the span attribute names it uses: the OpenTelemetry GenAI semantic
/// conventions (<c>gen_ai.*</c>) plus Junction's own (<c>junction.*</c>). The router makes a span per request
/// (<c>{operation} {model}</c>, internal) and one per upstream attempt (client), for proxy and in-process traffic alike.
/// Listen with <c>AddSource(JunctionTelemetry.SourceName)</c>; with no listener nothing is allocated.
/// </summary>
public static class JunctionTelemetry
{
    /// <summary>The <see cref="ActivitySource"/> name: <c>Junction</c>.</summary>
    public const string SourceName = "Junction";

    internal static readonly ActivitySource Source = new(SourceName, JunctionInfo.Version);

    /// <summary>The <c>gen_ai.operation.name</c> values Junction emits.</summary>
    public static class Operations
    {
        public const string Chat = "chat";
        public const string TextCompletion = "text_completion";
        public const string Embeddings = "embeddings";
        public const string ImageGeneration = "image_generation";
        public const string AudioTranscription = "audio_transcription";
        public const string AudioTranslation = "audio_translation";
    }

    /// <summary>Span attribute names.</summary>
    public static class Tags
    {
        public const string OperationName = "gen_ai.operation.name";
        public const string ProviderName = "gen_ai.provider.name";

        /// <summary>The older name of <see cref="ProviderName"/>, still read by many backends; both are set.</summary>
        public const string SystemName = "gen_ai.system";

        public const string RequestModel = "gen_ai.request.model";
        public const string ResponseModel = "gen_ai.response.model";
        public const string InputTokens = "gen_ai.usage.input_tokens";
        public const string OutputTokens = "gen_ai.usage.output_tokens";
        public const string ErrorType = "error.type";
        public const string Deployment = "junction.deployment";
        public const string Attempt = "junction.attempt";
        public const string Attempts = "junction.attempts";
        public const string RequestId = "junction.request_id";
        public const string FallbackModel = "junction.fallback_model";
        public const string Status = "junction.status";
        public const string Cost = "junction.cost";
    }

    /// <summary>The <c>gen_ai.provider.name</c> well-known value for a Junction provider name.</summary>
    public static string ProviderSystemName(string provider) => provider switch
    {
        "azure" => "azure.ai.openai",
        "bedrock" => "aws.bedrock",
        "anthropic" => "anthropic",
        _ => provider,
    };

    /// <summary>Starts the span of one client request; its parent is the current activity, else the incoming <c>traceparent</c>.</summary>
    internal static Activity? StartRequest(string operation, string? model, string? incomingTraceParent, string? traceState, string requestId)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        ActivityContext parent = default;
        if (Activity.Current is null && incomingTraceParent is not null)
        {
            ActivityContext.TryParse(incomingTraceParent, traceState, isRemote: true, out parent);
        }

        var activity = Source.StartActivity(model is null ? operation : $"{operation} {model}", ActivityKind.Internal, parent);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(Tags.OperationName, operation);
            activity.SetTag(Tags.RequestModel, model);
            activity.SetTag(Tags.RequestId, requestId);
        }

        return activity;
    }

    /// <summary>Starts the span of one upstream attempt (a child of the request span).</summary>
    internal static Activity? StartAttempt(string operation, string provider, string upstreamModel, string deployment, int attempt)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity($"{operation} {upstreamModel}", ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            var system = ProviderSystemName(provider);
            activity.SetTag(Tags.OperationName, operation);
            activity.SetTag(Tags.ProviderName, system);
            activity.SetTag(Tags.SystemName, system);
            activity.SetTag(Tags.RequestModel, upstreamModel);
            activity.SetTag(Tags.Deployment, deployment);
            activity.SetTag(Tags.Attempt, attempt);
        }

        return activity;
    }

    /// <summary>The W3C id of the current attempt span, when one is being recorded: the <c>traceparent</c> sent upstream.</summary>
    internal static string? CurrentAttemptId() =>
        Activity.Current is { Kind: ActivityKind.Client, IdFormat: ActivityIdFormat.W3C } activity && ReferenceEquals(activity.Source, Source)
            ? activity.Id
            : null;

    /// <summary>Marks a span failed with the error's code (or kind) as <c>error.type</c>.</summary>
    internal static void SetError(Activity? activity, int status, string errorType, string? message)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag(Tags.Status, status);
        activity.SetTag(Tags.ErrorType, errorType);
        activity.SetStatus(ActivityStatusCode.Error, message);
    }
}
