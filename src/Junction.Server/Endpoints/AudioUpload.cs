using System.Text;
using Junction.Protocol.OpenAI;
using Junction.Resilience;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Junction.Server.Endpoints;

/// <summary>
/// Reads an audio upload (<c>multipart/form-data</c>) as it streams in: text fields are kept, the file is kept once,
/// in memory up to <see cref="MemoryThreshold"/> and in a temporary file (deleted on dispose) above it, so that the
/// upstream request streams from that single copy. A file over OpenAI's 25 MB limit is answered with 413.
/// </summary>
internal sealed class AudioUpload : IAsyncDisposable
{
    /// <summary>OpenAI's (and Azure's) limit for one audio file.</summary>
    public const long MaxFileBytes = 25L * 1024 * 1024;

    private const int MemoryThreshold = 1024 * 1024;
    private const int MaxFieldBytes = 64 * 1024;

    private readonly FileStream? _spill;

    private AudioUpload(TranscriptionRequest request, FileStream? spill)
    {
        Request = request;
        _spill = spill;
    }

    public TranscriptionRequest Request { get; }

    public static async Task<AudioUpload> ReadAsync(HttpContext http)
    {
        var cancellationToken = http.RequestAborted;
        var boundary = Boundary(http.Request.ContentType);
        var reader = new MultipartReader(boundary, http.Request.Body);
        var fields = new List<KeyValuePair<string, string>>();
        string? model = null;
        TranscriptionFile? file = null;
        FileStream? spill = null;
        try
        {
            MultipartSection? section;
            while ((section = await reader.ReadNextSectionAsync(cancellationToken)) is not null)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFormDisposition() && !disposition.IsFileDisposition())
                {
                    throw Invalid("Each part of the form needs a 'Content-Disposition: form-data' header.", null);
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (disposition.IsFileDisposition())
                {
                    if (name != "file" || file is not null)
                    {
                        throw Invalid("The form may carry exactly one file, in the field 'file'.", "file");
                    }

                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "audio";
                    (file, spill) = await BufferAsync(section.Body, fileName, section.ContentType, reader, cancellationToken);
                    continue;
                }

                var value = await ReadFieldAsync(section.Body, name, cancellationToken);
                if (name == "model")
                {
                    model = value;
                }
                else
                {
                    fields.Add(new(name, value));
                }
            }
        }
        catch (InvalidDataException ex)
        {
            spill?.Dispose();
            throw new JunctionException(JunctionErrors.InvalidRequest("The multipart form could not be read: " + ex.Message), ex);
        }
        catch
        {
            spill?.Dispose();
            throw;
        }

        if (file is null)
        {
            throw new JunctionException(JunctionErrors.MissingField("file"));
        }

        var request = new TranscriptionRequest(file) { Model = model };
        request.Fields.AddRange(fields);
        return new AudioUpload(request, spill);
    }

    private static string Boundary(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media) ||
            !media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            throw new JunctionException(JunctionErrors.InvalidRequest(
                "Audio requests must be sent as multipart/form-data with the audio in the field 'file'.", null, "invalid_content_type"));
        }

        var boundary = HeaderUtilities.RemoveQuotes(media.Boundary).Value;
        return string.IsNullOrEmpty(boundary) || boundary.Length > 200
            ? throw Invalid("The multipart Content-Type has no valid boundary.", null)
            : boundary;
    }

    private static async Task<string> ReadFieldAsync(Stream body, string name, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxFieldBytes)
            {
                throw Invalid($"The form field '{name}' is longer than {MaxFieldBytes / 1024} KB.", name);
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Keeps the file in memory while small, then moves it to a temporary file; over the limit, drains and answers 413.</summary>
    private static async Task<(TranscriptionFile File, FileStream? Spill)> BufferAsync(
        Stream body, string fileName, string? contentType, MultipartReader reader, CancellationToken cancellationToken)
    {
        var memory = new MemoryStream();
        FileStream? spill = null;
        var buffer = new byte[64 * 1024];
        long length = 0;
        int read;
        try
        {
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                length += read;
                if (length > MaxFileBytes)
                {
                    await DrainAsync(body, reader, buffer, cancellationToken);
                    throw new JunctionException(TooLarge(length));
                }

                if (spill is null && memory.Length + read > MemoryThreshold)
                {
                    spill = CreateSpillFile();
                    memory.Position = 0;
                    await memory.CopyToAsync(spill, cancellationToken);
                    memory = new MemoryStream();
                }

                await (spill ?? (Stream)memory).WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            if (spill is null)
            {
                return (TranscriptionFile.FromBytes(fileName, contentType, memory.ToArray()), null);
            }

            await spill.FlushAsync(cancellationToken);
            var path = spill.Name;
            return (new TranscriptionFile(fileName, contentType, length, () => OpenSpillFile(path)), spill);
        }
        catch
        {
            spill?.Dispose();
            throw;
        }
    }

    private static JunctionError TooLarge(long atLeast) =>
        new(413, JunctionErrorKind.PayloadTooLarge, JunctionErrors.InvalidRequestType,
            $"The audio file is larger than the 25 MB limit for audio uploads (at least {atLeast / (1024 * 1024)} MB was sent). " +
            "Compress the audio or split it into shorter parts.")
        { Param = "file", Code = "request_too_large" };

    /// <summary>Reads the rest of the request so the client, still sending, receives the 413 instead of a reset.</summary>
    private static async Task DrainAsync(Stream section, MultipartReader reader, byte[] buffer, CancellationToken cancellationToken)
    {
        while (await section.ReadAsync(buffer, cancellationToken) > 0)
        {
        }

        while (await reader.ReadNextSectionAsync(cancellationToken) is { } next)
        {
            while (await next.Body.ReadAsync(buffer, cancellationToken) > 0)
            {
            }
        }
    }

    private static FileStream CreateSpillFile() =>
        new(Path.Combine(Path.GetTempPath(), "junction-audio-" + Guid.NewGuid().ToString("N") + ".tmp"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete, 64 * 1024,
            FileOptions.Asynchronous | FileOptions.DeleteOnClose);

    private static FileStream OpenSpillFile(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024,
            FileOptions.Asynchronous | FileOptions.SequentialScan);

    private static JunctionException Invalid(string message, string? param) =>
        new(JunctionErrors.InvalidRequest(message, param, "invalid_multipart"));

    public ValueTask DisposeAsync() => _spill?.DisposeAsync() ?? ValueTask.CompletedTask;
}
