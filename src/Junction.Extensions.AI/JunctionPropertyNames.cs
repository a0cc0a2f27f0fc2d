namespace Junction.Extensions.AI;

/// <summary>
/// Keys Junction reads from <c>ChatOptions.AdditionalProperties</c> / <c>EmbeddingGenerationOptions.AdditionalProperties</c>
/// and writes to the <c>AdditionalProperties</c> of responses. Every other request key is sent upstream as a body field.
/// </summary>
public static class JunctionPropertyNames
{
    /// <summary>
    /// In: per-request routing overrides, a <see cref="Routing.RoutingOverrides"/> or its JSON text (the same JSON as the
    /// proxy's <c>x-junction-config</c> header): <c>{"fallbacks":["backup"],"retries":0,"timeout_s":5}</c>.
    /// </summary>
    public const string RoutingOverrides = "junction";

    /// <summary>In: the request id to use (letters, digits, <c>-_.:</c>); out: the request id used.</summary>
    public const string RequestId = "junction.request_id";

    /// <summary>Out: the id of the deployment that answered.</summary>
    public const string Deployment = "junction.deployment";

    /// <summary>Out: the provider of that deployment (<c>openai</c>, <c>mock</c>, ...).</summary>
    public const string Provider = "junction.provider";

    /// <summary>Out: the cost in USD (<see cref="decimal"/>), when a cost estimator knows the deployment's price.</summary>
    public const string Cost = "junction.cost";

    /// <summary>Out: how many upstream attempts were made (<see cref="int"/>).</summary>
    public const string Attempts = "junction.attempts";

    /// <summary>Out: the fallback model that answered, when the requested model did not.</summary>
    public const string FallbackModel = "junction.fallback_model";

    /// <summary>In: <c>true</c> sends tool and response schemas with <c>strict: true</c> (the name M.E.AI's OpenAI client reads).</summary>
    public const string StrictJsonSchema = "strictJsonSchema";
}
