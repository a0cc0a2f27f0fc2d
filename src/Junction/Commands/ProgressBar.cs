namespace Junction.Cli.Commands;

/// <summary>A one-line progress bar redrawn in place (on the error stream, so the report on standard output stays clean).</summary>
internal static class ProgressBar
{
    private const int Width = 30;

    public static void Draw(TextWriter writer, int done, int total)
    {
        lock (writer)
        {
            var filled = total == 0 ? Width : done * Width / total;
            writer.Write($"\r[{new string('#', filled)}{new string('.', Width - filled)}] {done}/{total}");
        }
    }
}
