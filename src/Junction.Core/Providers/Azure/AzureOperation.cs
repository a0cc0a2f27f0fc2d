namespace Junction.Providers.Azure;

/// <summary>The Azure OpenAI data-plane operations Junction calls, as path suffixes.</summary>
internal static class AzureOperation
{
    public const string ChatCompletions = "chat/completions";
    public const string Completions = "completions";
    public const string Embeddings = "embeddings";
    public const string ImageGenerations = "images/generations";
    public const string AudioTranscriptions = "audio/transcriptions";
    public const string AudioTranslations = "audio/translations";
}
