using System.Text;
using System.Text.Json;

namespace Junction.Spend;

/// <summary>
/// The spend writer's write-ahead log: a local JSON Lines file, one <see cref="SpendRecord"/> per line. A batch is
/// appended and fsynced before the database write is tried, read back whole at startup (a torn last line from a hard
/// kill is skipped), and truncated once every row in it is in the database. Used by one writer at a time (the file is
/// opened exclusively); give each instance its own path.
/// </summary>
public sealed class SpendOutbox : IDisposable
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private readonly FileStream _file;

    public SpendOutbox(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        if (System.IO.Path.GetDirectoryName(Path) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        _file = new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 1, FileOptions.None);
    }

    public string Path { get; }

    /// <summary>The file's size in bytes (0 once truncated).</summary>
    public long Length => _file.Length;

    /// <summary>Appends rows and flushes them to disk (one fsync for the batch).</summary>
    public void Append(IReadOnlyList<SpendRecord> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        using var buffer = new MemoryStream();
        foreach (var row in rows)
        {
            JsonSerializer.Serialize(buffer, row, SpendJsonContext.Default.SpendRecord);
            buffer.Write(NewLine);
        }

        _file.Seek(0, SeekOrigin.End);
        buffer.Position = 0;
        buffer.CopyTo(_file);
        _file.Flush(flushToDisk: true);
    }

    /// <summary>Every complete row in the file, in order; lines that do not parse (a torn write) are skipped.</summary>
    public List<SpendRecord> ReadAll()
    {
        var rows = new List<SpendRecord>();
        _file.Seek(0, SeekOrigin.Begin);
        using var reader = new StreamReader(_file, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 65536, leaveOpen: true);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            try
            {
                if (JsonSerializer.Deserialize(line, SpendJsonContext.Default.SpendRecord) is { } row)
                {
                    rows.Add(row);
                }
            }
            catch (JsonException)
            {
                // A line cut short by a hard kill: its row was never acknowledged.
            }
        }

        return rows;
    }

    /// <summary>Empties the file (every row in it is in the database).</summary>
    public void Truncate()
    {
        _file.SetLength(0);
        _file.Flush(flushToDisk: true);
    }

    public void Dispose() => _file.Dispose();
}
