using System.Runtime.CompilerServices;

namespace Junction.Tests.TestSupport;

/// <summary>
/// Finds the shared reference folder (<c>shared/reference</c>, a sibling of the repository checkout) without
/// copying vectors into the repo. Search order: <c>JUNCTION_REFERENCE_DIR</c>, then every parent of
/// <see cref="AppContext.BaseDirectory"/>, then every parent of this source file (covers builds with an
/// artifacts path outside the checkout, e.g. <c>--artifacts-path /tmp/...</c>).
/// </summary>
public static class ReferenceFiles
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string Path(params string[] parts)
    {
        var path = System.IO.Path.Combine([Root.Value, .. parts]);
        return File.Exists(path) || Directory.Exists(path)
            ? path
            : throw new FileNotFoundException($"Reference file '{path}' does not exist.", path);
    }

    private static string FindRoot()
    {
        if (Environment.GetEnvironmentVariable("JUNCTION_REFERENCE_DIR") is { Length: > 0 } configured)
        {
            return Directory.Exists(configured)
                ? configured
                : throw new DirectoryNotFoundException($"JUNCTION_REFERENCE_DIR='{configured}' does not exist.");
        }

        var starts = new[] { AppContext.BaseDirectory, System.IO.Path.GetDirectoryName(SourceFile()) };
        foreach (var start in starts)
        {
            for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = System.IO.Path.Combine(dir.FullName, "shared", "reference");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException(
            $"Could not find 'shared/reference' above '{AppContext.BaseDirectory}' or '{SourceFile()}'. " +
            "Check out the shared folder next to the repository, or set JUNCTION_REFERENCE_DIR.");
    }

    private static string SourceFile([CallerFilePath] string path = "") => path;
}
