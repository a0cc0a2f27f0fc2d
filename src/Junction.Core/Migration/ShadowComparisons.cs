namespace Junction.Migration;

/// <summary>
/// The comparisons of one shadowed pair. A comparison that does not apply (no JSON was asked for, neither side called
/// a tool, one side failed) is null, so agreement rates count only the pairs where it means something.
/// </summary>
public sealed record ShadowComparisons
{
    public bool? TextExact { get; init; }

    /// <summary><see cref="TextSimilarity.Score"/> of the two texts, 0..1.</summary>
    public double? TextSimilarity { get; init; }

    /// <summary>Both outputs parse as JSON (when the request asked for JSON).</summary>
    public bool? JsonBothParse { get; init; }

    /// <summary>Both outputs validate against the request's <c>response_format</c> JSON schema.</summary>
    public bool? JsonBothValid { get; init; }

    public bool? JsonStructureMatch { get; init; }

    public bool? ToolCallsEquivalent { get; init; }

    /// <summary>0 for full agreement up to 1 for none: used to rank the worst disagreements.</summary>
    public double Disagreement =>
        new[]
        {
            TextSimilarity is { } s ? 1 - s : (double?)null,
            JsonStructureMatch is { } j ? (j ? 0 : 1) : null,
            JsonBothValid is { } v ? (v ? 0 : 1) : null,
            ToolCallsEquivalent is { } t ? (t ? 0 : 1) : null,
        }.Where(x => x is not null).Select(x => x!.Value).DefaultIfEmpty(0).Max();
}
