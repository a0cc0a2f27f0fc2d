namespace Junction.Protocol.OpenAI;

/// <summary>
/// A transcription or translation answer passed through as the upstream sent it: JSON (<c>json</c>, <c>verbose_json</c>)
/// or text (<c>text</c>, <c>srt</c>, <c>vtt</c>), with its content type.
/// </summary>
public sealed record TranscriptionResult(string ContentType, byte[] Body);
