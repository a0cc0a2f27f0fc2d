using System.Text.Json;
using Junction.Protocol.OpenAI;

namespace Junction.Migration;

/// <summary>Computes the comparisons a model's <c>shadow.compare</c> list asks for, from the request and both outcomes.</summary>
public sealed class ShadowComparer
{
    private readonly ISchemaValidator? _schemaValidator;

    public ShadowComparer(ISchemaValidator? schemaValidator) => _schemaValidator = schemaValidator;

    public ShadowComparisons Compare(ChatCompletionRequest request, ShadowOutcome primary, ShadowOutcome shadow, IReadOnlySet<string> compare)
    {
        if (!primary.Succeeded || !shadow.Succeeded)
        {
            return new ShadowComparisons();
        }

        var result = new ShadowComparisons();
        var hasText = primary.Text is not null || shadow.Text is not null;
        if (compare.Contains(ShadowCompareNames.Text) && hasText)
        {
            result = result with
            {
                TextExact = TextSimilarity.ExactMatch(primary.Text, shadow.Text),
                TextSimilarity = Math.Round(TextSimilarity.Score(primary.Text, shadow.Text), 4),
            };
        }

        if (compare.Contains(ShadowCompareNames.Json) && request.ResponseFormat?.Type is "json_object" or "json_schema")
        {
            var leftParses = JsonStructure.TryParse(primary.Text, out var left);
            var rightParses = JsonStructure.TryParse(shadow.Text, out var right);
            result = result with
            {
                JsonBothParse = leftParses && rightParses,
                JsonStructureMatch = leftParses && rightParses && JsonStructure.SameStructure(left, right),
                JsonBothValid = Schema(request) is { } schema && _schemaValidator is { } validator
                    ? leftParses && rightParses && validator.IsValid(schema, left) && validator.IsValid(schema, right)
                    : null,
            };
        }

        if (compare.Contains(ShadowCompareNames.ToolCalls) && (primary.ToolCalls is { Count: > 0 } || shadow.ToolCalls is { Count: > 0 }))
        {
            result = result with { ToolCallsEquivalent = ToolCallComparison.Equivalent(primary.ToolCalls, shadow.ToolCalls) };
        }

        return result;
    }

    /// <summary>The schema of a <c>json_schema</c> response format, when there is one.</summary>
    public static JsonElement? Schema(ChatCompletionRequest request) =>
        request.ResponseFormat is { Type: "json_schema", JsonSchema: { ValueKind: JsonValueKind.Object } spec } &&
        spec.TryGetProperty("schema", out var schema) && schema.ValueKind == JsonValueKind.Object
            ? schema
            : null;
}
