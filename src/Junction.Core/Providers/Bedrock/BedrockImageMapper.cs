using System.Globalization;
using System.Text.Json;
using Junction.Protocol.OpenAI;
using Junction.Resilience;

namespace Junction.Providers.Bedrock;

/// <summary>
/// OpenAI image generation ⇄ InvokeModel bodies for Titan Image Generator / Nova Canvas and Stability
/// (PROTOCOLS §3.9). Bedrock only returns base64, so the answer is always <c>b64_json</c>: an explicit
/// <c>response_format: url</c> is a 400. <c>size</c> <c>WxH</c> → width/height (Titan, SDXL) or the nearest supported
/// <c>aspect_ratio</c> (SD3 / Stable Image); <c>auto</c> or absent leaves the model default. OpenAI <c>style</c>
/// (vivid/natural) has no equivalent and is ignored; the extras <c>negative_prompt</c>, <c>seed</c> and
/// (SDXL) <c>style_preset</c> are honoured. Stability models make one image per call: the caller sends
/// <see cref="CallsFor"/> requests and joins the answers. Filtered images are left out; when none is left the
/// answer is a 400 <c>content_filter</c>.
/// </summary>
internal static class BedrockImageMapper
{
    private static readonly (string Ratio, double Value)[] StableImageAspectRatios =
    [
        ("21:9", 21.0 / 9), ("16:9", 16.0 / 9), ("3:2", 3.0 / 2), ("5:4", 5.0 / 4), ("1:1", 1.0),
        ("4:5", 4.0 / 5), ("2:3", 2.0 / 3), ("9:16", 9.0 / 16), ("9:21", 9.0 / 21),
    ];

    /// <summary>Titan / Nova Canvas: <c>n</c> → numberOfImages; quality hd/high → premium, standard/medium/low → standard.</summary>
    public static TitanImageRequest ToTitanImageRequest(ImageGenerationRequest request)
    {
        var prompt = Validate(request);
        var (width, height) = ParseSize(request.Size);
        var quality = request.Quality switch
        {
            null or "auto" => null,
            "hd" or "high" => "premium",
            "standard" or "medium" or "low" => "standard",
            var other => throw BedrockMappingErrors.Invalid(
                $"quality '{other}' is not supported; use standard or hd.", "quality", BedrockMappingErrors.UnsupportedValueCode),
        };
        var config = new TitanImageGenerationConfig
        {
            NumberOfImages = request.N, Width = width, Height = height, Quality = quality, Seed = ExtraLong(request, "seed"),
        };
        return new TitanImageRequest
        {
            TextToImageParams = new TitanTextToImageParams { Text = prompt, NegativeText = ExtraString(request, "negative_prompt") },
            ImageGenerationConfig = config is { NumberOfImages: null, Width: null, Height: null, Quality: null, Seed: null } ? null : config,
        };
    }

    /// <summary>SDXL: the prompt with weight 1 and <c>negative_prompt</c> with weight -1; one image per call.</summary>
    public static SdxlImageRequest ToSdxlRequest(ImageGenerationRequest request)
    {
        var prompt = Validate(request);
        var (width, height) = ParseSize(request.Size);
        var result = new SdxlImageRequest
        {
            TextPrompts = [new SdxlTextPrompt { Text = prompt, Weight = 1 }],
            Width = width,
            Height = height,
            Seed = ExtraLong(request, "seed"),
            StylePreset = ExtraString(request, "style_preset"),
        };
        if (ExtraString(request, "negative_prompt") is { Length: > 0 } negative)
        {
            result.TextPrompts.Add(new SdxlTextPrompt { Text = negative, Weight = -1 });
        }

        return result;
    }

    /// <summary>SD3.x / Stable Image: prompt, aspect ratio from size, <c>output_format</c> png|jpeg; one image per call.</summary>
    public static StableImageRequest ToStableImageRequest(ImageGenerationRequest request)
    {
        var prompt = Validate(request);
        var (width, height) = ParseSize(request.Size);
        return new StableImageRequest
        {
            Prompt = prompt,
            NegativePrompt = ExtraString(request, "negative_prompt"),
            Mode = "text-to-image",
            AspectRatio = width is { } w && height is { } h ? NearestAspectRatio(w, h) : null,
            OutputFormat = request.OutputFormat switch
            {
                null => null,
                "png" or "jpeg" => request.OutputFormat,
                "jpg" => "jpeg",
                var other => throw BedrockMappingErrors.Invalid(
                    $"output_format '{other}' is not supported by Stability models on Bedrock; use png or jpeg.", "output_format",
                    BedrockMappingErrors.UnsupportedValueCode),
            },
            Seed = ExtraLong(request, "seed"),
        };
    }

    /// <summary>How many InvokeModel calls a Stability request needs: <c>n</c> (default 1).</summary>
    public static int CallsFor(ImageGenerationRequest request) => Math.Max(1, request.N ?? 1);

    public static ImageGenerationResponse FromTitanImageResponse(TitanImageResponse response, long created)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.Images is not { Count: > 0 } images)
        {
            throw BedrockMappingErrors.InvalidUpstream(response.Error is { Length: > 0 } error ? error : "the answer has no images");
        }

        return new ImageGenerationResponse { Created = created, Data = [.. images.Select(i => new ImageData { B64Json = i })] };
    }

    /// <summary>SDXL artifacts with finishReason SUCCESS (or none) are kept; CONTENT_FILTERED / ERROR ones are left out.</summary>
    public static ImageGenerationResponse FromSdxlResponses(IReadOnlyList<SdxlImageResponse> responses, long created)
    {
        ArgumentNullException.ThrowIfNull(responses);
        var result = new ImageGenerationResponse { Created = created };
        var filtered = false;
        foreach (var artifact in responses.SelectMany(r => r.Artifacts ?? []))
        {
            if (artifact.FinishReason is null or "SUCCESS" && artifact.Base64 is { Length: > 0 } image)
            {
                result.Data.Add(new ImageData { B64Json = image });
            }
            else
            {
                filtered |= artifact.FinishReason == "CONTENT_FILTERED";
            }
        }

        return Finish(result, filtered);
    }

    /// <summary>Stable Image answers: an image whose finish reason is non-null ("Filter reason: ...", "Inference error") is left out.</summary>
    public static ImageGenerationResponse FromStableImageResponses(IReadOnlyList<StableImageResponse> responses, long created)
    {
        ArgumentNullException.ThrowIfNull(responses);
        var result = new ImageGenerationResponse { Created = created };
        var filtered = false;
        foreach (var response in responses)
        {
            var images = response.Images ?? [];
            for (var i = 0; i < images.Count; i++)
            {
                var reason = response.FinishReasons is { } reasons && i < reasons.Count ? reasons[i] : null;
                if (reason is null)
                {
                    result.Data.Add(new ImageData { B64Json = images[i] });
                }
                else
                {
                    filtered |= reason.StartsWith("Filter reason", StringComparison.OrdinalIgnoreCase);
                }
            }
        }

        return Finish(result, filtered);
    }

    /// <summary>The supported SD3 / Stable Image aspect ratio closest to <paramref name="width"/>:<paramref name="height"/>.</summary>
    public static string NearestAspectRatio(int width, int height)
    {
        var target = Math.Log((double)width / height);
        return StableImageAspectRatios.MinBy(r => Math.Abs(Math.Log(r.Value) - target)).Ratio;
    }

    /// <summary><c>WxH</c> → (W, H); null or <c>auto</c> → (null, null); anything else is a 400 naming <c>size</c>.</summary>
    public static (int? Width, int? Height) ParseSize(string? size)
    {
        if (size is null or "auto")
        {
            return (null, null);
        }

        var x = size.IndexOf('x', StringComparison.OrdinalIgnoreCase);
        if (x > 0 &&
            int.TryParse(size.AsSpan(0, x), NumberStyles.None, CultureInfo.InvariantCulture, out var width) &&
            int.TryParse(size.AsSpan(x + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var height) &&
            width > 0 && height > 0)
        {
            return (width, height);
        }

        throw BedrockMappingErrors.Invalid($"size must look like 1024x1024 (width x height), not '{size}'.", "size");
    }

    private static string Validate(ImageGenerationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Prompt))
        {
            throw BedrockMappingErrors.Invalid("Missing required parameter: 'prompt'.", "prompt", "missing_required_parameter");
        }

        if (request.ResponseFormat is not (null or "b64_json"))
        {
            throw BedrockMappingErrors.Invalid(
                "Bedrock image models return base64 images only: set response_format to 'b64_json' or leave it out.",
                "response_format", BedrockMappingErrors.UnsupportedValueCode);
        }

        if (request.N is < 1)
        {
            throw BedrockMappingErrors.Invalid("n must be at least 1.", "n");
        }

        return request.Prompt;
    }

    private static ImageGenerationResponse Finish(ImageGenerationResponse result, bool filtered)
    {
        if (result.Data.Count > 0)
        {
            return result;
        }

        if (filtered)
        {
            throw new JunctionException(new JunctionError(400, JunctionErrorKind.ContentFiltered, JunctionErrors.InvalidRequestType,
                "The image model's content filter blocked the prompt or every generated image.")
            {
                Code = "content_filter",
                Provider = BedrockErrorMapper.ProviderName,
            });
        }

        throw BedrockMappingErrors.InvalidUpstream("the answer has no images");
    }

    private static string? ExtraString(ImageGenerationRequest request, string name) =>
        request.Extra?.TryGetValue(name, out var value) == true && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? ExtraLong(ImageGenerationRequest request, string name) =>
        request.Extra?.TryGetValue(name, out var value) == true && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n)
            ? n
            : null;
}
