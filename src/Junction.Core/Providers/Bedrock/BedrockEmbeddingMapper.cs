using System.Text.Json;
using Junction.Protocol.OpenAI;

namespace Junction.Providers.Bedrock;

/// <summary>
/// OpenAI embeddings ⇄ InvokeModel bodies (PROTOCOLS §3.9). Titan takes one text per call, so an OpenAI input list
/// becomes one request per item and the answers are joined back in order with usage summed from
/// <c>inputTextTokenCount</c>. Cohere Embed takes up to <see cref="CohereMaxBatch"/> texts per call; its body has no
/// token count, so the caller passes the sum of the <c>X-Amzn-Bedrock-Input-Token-Count</c> headers.
/// <c>encoding_format: base64</c> is produced here (Bedrock always answers floats). Token-array inputs are a 400:
/// Bedrock models take text.
/// </summary>
internal static class BedrockEmbeddingMapper
{
    public const int CohereMaxBatch = 96;
    public const string DefaultCohereInputType = "search_document";

    private static readonly int[] TitanV2Dimensions = [256, 512, 1024];

    /// <summary>The input texts, each non-empty; otherwise a 400 naming <c>input</c> or <c>input[i]</c>.</summary>
    public static IReadOnlyList<string> GetTexts(EmbeddingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Input is null or { ValueKind: JsonValueKind.Null })
        {
            throw BedrockMappingErrors.Invalid("Missing required parameter: 'input'.", "input", "missing_required_parameter");
        }

        var texts = request.GetTextInputs() ?? throw BedrockMappingErrors.Invalid(
            "Bedrock embedding models take text: send 'input' as a string or an array of strings, not token ids.",
            "input", BedrockMappingErrors.UnsupportedValueCode);
        if (texts.Count == 0)
        {
            throw BedrockMappingErrors.Invalid("'input' must contain at least one string.", "input");
        }

        for (var i = 0; i < texts.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(texts[i]))
            {
                throw BedrockMappingErrors.Invalid($"input[{i}] is empty; Bedrock cannot embed empty text.", $"input[{i}]");
            }
        }

        return texts;
    }

    /// <summary>True for <c>encoding_format: base64</c>; <c>float</c> or absent is false; anything else is a 400.</summary>
    public static bool WantsBase64(EmbeddingRequest request) => request.EncodingFormat switch
    {
        null or "float" => false,
        "base64" => true,
        var other => throw BedrockMappingErrors.Invalid(
            $"encoding_format must be 'float' or 'base64', not '{other}'.", "encoding_format", BedrockMappingErrors.UnsupportedValueCode),
    };

    /// <summary>
    /// One Titan request. V1 takes only <c>inputText</c> (its vectors have 1536 dimensions; asking for another size is
    /// a 400). V2 takes <c>dimensions</c> 256, 512 or 1024 (others are a 400) and <c>normalize</c>.
    /// </summary>
    public static TitanEmbedRequest ToTitanRequest(string text, int? dimensions, bool? normalize, string modelId)
    {
        ArgumentNullException.ThrowIfNull(text);
        var family = BedrockModelId.Family(modelId);
        if (family == BedrockModelFamily.TitanEmbedV1)
        {
            if (dimensions is { } d && d != 1536)
            {
                throw BedrockMappingErrors.Invalid(
                    $"Titan Text Embeddings v1 always returns 1536 dimensions; 'dimensions' {d} is not supported.",
                    "dimensions", BedrockMappingErrors.UnsupportedValueCode);
            }

            return new TitanEmbedRequest { InputText = text };
        }

        if (dimensions is { } size && Array.IndexOf(TitanV2Dimensions, size) < 0)
        {
            throw BedrockMappingErrors.Invalid(
                $"Titan Text Embeddings v2 supports 256, 512 or 1024 dimensions, not {size}.", "dimensions",
                BedrockMappingErrors.UnsupportedValueCode);
        }

        return new TitanEmbedRequest { InputText = text, Dimensions = dimensions, Normalize = normalize };
    }

    /// <summary>One Titan request per input text; <c>normalize</c> may come as a request extra.</summary>
    public static List<TitanEmbedRequest> ToTitanRequests(EmbeddingRequest request, string modelId)
    {
        var normalize = request.Extra?.TryGetValue("normalize", out var n) == true && n.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? n.GetBoolean()
            : (bool?)null;
        return [.. GetTexts(request).Select(text => ToTitanRequest(text, request.Dimensions, normalize, modelId))];
    }

    public static EmbeddingResponse FromTitanResponses(IReadOnlyList<TitanEmbedResponse> responses, bool base64, string model)
    {
        ArgumentNullException.ThrowIfNull(responses);
        var result = new EmbeddingResponse { Model = model };
        var tokens = 0;
        for (var i = 0; i < responses.Count; i++)
        {
            var floats = responses[i].Embedding ?? responses[i].EmbeddingsByType?.Float ?? [];
            result.Data.Add(new EmbeddingItem { Index = i, Embedding = ToVector(floats, base64) });
            tokens += responses[i].InputTextTokenCount;
        }

        result.Usage = new EmbeddingUsage { PromptTokens = tokens, TotalTokens = tokens };
        return result;
    }

    /// <summary>
    /// Cohere requests in batches of at most 96 texts. <c>input_type</c> defaults to <c>search_document</c>;
    /// the request extras <c>input_type</c>, <c>truncate</c> and <c>embedding_types</c> are honoured. Cohere v3
    /// vectors have a fixed size, so <c>dimensions</c> is a 400.
    /// </summary>
    public static List<CohereEmbedRequest> ToCohereRequests(EmbeddingRequest request)
    {
        var texts = GetTexts(request);
        if (request.Dimensions is not null)
        {
            throw BedrockMappingErrors.Invalid("Cohere Embed models on Bedrock do not support 'dimensions'.", "dimensions",
                BedrockMappingErrors.UnsupportedValueCode);
        }

        var inputType = ExtraString(request, "input_type") ?? DefaultCohereInputType;
        var truncate = ExtraString(request, "truncate");
        List<string>? types = null;
        if (request.Extra?.TryGetValue("embedding_types", out var t) == true && t.ValueKind == JsonValueKind.Array)
        {
            types = [.. t.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)];
        }

        var requests = new List<CohereEmbedRequest>();
        for (var start = 0; start < texts.Count; start += CohereMaxBatch)
        {
            requests.Add(new CohereEmbedRequest
            {
                Texts = [.. texts.Skip(start).Take(CohereMaxBatch)],
                InputType = inputType,
                Truncate = truncate,
                EmbeddingTypes = types,
            });
        }

        return requests;
    }

    /// <summary>
    /// Cohere answers, in request order, → one OpenAI list. <c>embeddings</c> is an array of float arrays, or (when
    /// <c>embedding_types</c> was sent) an object keyed by type: <c>float</c> is used, else the first type present.
    /// </summary>
    public static EmbeddingResponse FromCohereResponses(IReadOnlyList<CohereEmbedResponse> responses, bool base64, string model, int inputTokens)
    {
        ArgumentNullException.ThrowIfNull(responses);
        var result = new EmbeddingResponse { Model = model, Usage = new EmbeddingUsage { PromptTokens = inputTokens, TotalTokens = inputTokens } };
        foreach (var response in responses)
        {
            foreach (var vector in CohereVectors(response.Embeddings))
            {
                result.Data.Add(new EmbeddingItem { Index = result.Data.Count, Embedding = ToVector(vector, base64) });
            }
        }

        return result;
    }

    private static IEnumerable<float[]> CohereVectors(JsonElement embeddings)
    {
        var list = embeddings;
        if (embeddings.ValueKind == JsonValueKind.Object)
        {
            if (!embeddings.TryGetProperty("float"u8, out list))
            {
                list = embeddings.EnumerateObject().Select(p => p.Value).FirstOrDefault();
            }
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            throw BedrockMappingErrors.InvalidUpstream("the Cohere answer has no 'embeddings' array");
        }

        return list.EnumerateArray().Select(v => v.EnumerateArray().Select(x => x.GetSingle()).ToArray());
    }

    private static EmbeddingVector ToVector(float[] floats, bool base64)
    {
        var vector = EmbeddingVector.FromFloats(floats);
        return base64 ? EmbeddingVector.FromBase64(vector.ToBase64()) : vector;
    }

    private static string? ExtraString(EmbeddingRequest request, string name) =>
        request.Extra?.TryGetValue(name, out var value) == true && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
