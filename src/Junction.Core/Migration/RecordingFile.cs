using System.Text.Json;

namespace Junction.Migration;

/// <summary>Reading and writing recording files: JSON Lines, one <see cref="RecordingEntry"/> per line.</summary>
public static class RecordingFile
{
    public static string ToLine(RecordingEntry entry) => JsonSerializer.Serialize(entry, MigrationJsonContext.Relaxed.RecordingEntry);

    /// <summary>Reads every entry; a malformed line is an error naming its line number (nothing is skipped silently).</summary>
    public static async Task<IReadOnlyList<RecordingEntry>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var entries = new List<RecordingEntry>();
        var number = 0;
        await foreach (var line in File.ReadLinesAsync(path, cancellationToken).ConfigureAwait(false))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                entries.Add(JsonSerializer.Deserialize(line, MigrationJsonContext.Relaxed.RecordingEntry)
                    ?? throw new JsonException("null entry"));
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{path}, line {number}: not a recording entry ({ex.Message})", ex);
            }
        }

        return entries;
    }
}
