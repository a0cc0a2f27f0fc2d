using Junction.Configuration;

namespace Junction.Providers.OpenAI;

/// <summary>What the OpenAI adapter derives once per deployment: endpoint URIs and auth header values.</summary>
internal sealed class OpenAIDeploymentSettings
{
    private OpenAIDeploymentSettings(Uri baseUrl, string? authorization, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        ChatCompletions = Combine(baseUrl, "chat/completions");
        Completions = Combine(baseUrl, "completions");
        Embeddings = Combine(baseUrl, "embeddings");
        ImageGenerations = Combine(baseUrl, "images/generations");
        AudioTranscriptions = Combine(baseUrl, "audio/transcriptions");
        AudioTranslations = Combine(baseUrl, "audio/translations");
        Authorization = authorization;
        Headers = headers;
    }

    public Uri ChatCompletions { get; }
    public Uri Completions { get; }
    public Uri Embeddings { get; }
    public Uri ImageGenerations { get; }
    public Uri AudioTranscriptions { get; }
    public Uri AudioTranslations { get; }

    /// <summary><c>Bearer &lt;key&gt;</c>, or null for keyless OpenAI-compatible servers.</summary>
    public string? Authorization { get; }

    /// <summary>OpenAI-Organization, OpenAI-Project and configured extra headers.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    public static OpenAIDeploymentSettings From(DeploymentOptions options)
    {
        var headers = new List<KeyValuePair<string, string>>();
        if (!string.IsNullOrEmpty(options.Organization))
        {
            headers.Add(new("OpenAI-Organization", options.Organization));
        }

        if (!string.IsNullOrEmpty(options.Project))
        {
            headers.Add(new("OpenAI-Project", options.Project));
        }

        if (options.Headers is { } extra)
        {
            headers.AddRange(extra);
        }

        var baseUrl = new Uri(options.BaseUrl ?? OpenAIProvider.DefaultBaseUrl, UriKind.Absolute);
        var authorization = string.IsNullOrEmpty(options.ApiKey) ? null : "Bearer " + options.ApiKey;
        return new OpenAIDeploymentSettings(baseUrl, authorization, headers);
    }

    private static Uri Combine(Uri baseUrl, string path)
    {
        var text = baseUrl.AbsoluteUri;
        return new Uri(text.EndsWith('/') ? text + path : text + "/" + path, UriKind.Absolute);
    }
}
