namespace Junction.Protocol.OpenAI;

/// <summary>
/// The uploaded audio of a transcription request. The edge keeps it once (in memory when small, else in a temporary
/// file); <see cref="OpenRead"/> gives a fresh stream over it for each upstream attempt.
/// </summary>
public sealed class TranscriptionFile
{
    private readonly Func<Stream> _open;

    public TranscriptionFile(string fileName, string? contentType, long length, Func<Stream> open)
    {
        FileName = fileName;
        ContentType = contentType;
        Length = length;
        _open = open;
    }

    public string FileName { get; }

    public string? ContentType { get; }

    public long Length { get; }

    /// <summary>A new read-only stream positioned at the start of the file; the caller disposes it.</summary>
    public Stream OpenRead() => _open();

    /// <summary>A file held in memory (tests, small uploads).</summary>
    public static TranscriptionFile FromBytes(string fileName, string? contentType, byte[] bytes) =>
        new(fileName, contentType, bytes.Length, () => new MemoryStream(bytes, writable: false));
}
