namespace Junction.Protocol.OpenAI;

/// <summary>
/// The multipart form of <c>POST /v1/audio/transcriptions</c> and <c>/v1/audio/translations</c>, as parsed by the edge:
/// the <c>model</c>, every other text field in order (repeated names such as <c>timestamp_granularities[]</c> included),
/// and the uploaded file, which can be read again for a retry.
/// </summary>
public sealed class TranscriptionRequest
{
    public TranscriptionRequest(TranscriptionFile file) => File = file;

    public string? Model { get; set; }

    /// <summary>Every text field except <c>model</c>, in the order the client sent them.</summary>
    public List<KeyValuePair<string, string>> Fields { get; } = [];

    public TranscriptionFile File { get; }

    /// <summary><c>json</c> (the default), <c>text</c>, <c>srt</c>, <c>vtt</c> or <c>verbose_json</c>.</summary>
    public string ResponseFormat => Field("response_format") ?? "json";

    /// <summary>The first value of a text field, or null.</summary>
    public string? Field(string name)
    {
        foreach (var (key, value) in Fields)
        {
            if (key == name)
            {
                return value;
            }
        }

        return null;
    }
}
