using System.Runtime.InteropServices;
using Junction.Bench;

// Junction.Bench --root <repo> --out <file.md> [--quick]
// Starts the fake upstream, Junction and the YARP floor as pinned child processes, drives them and prints a Markdown report.
string? root = null;
string? output = null;
bool quick = false;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--quick":
            quick = true;
            break;
        case "--root" when i + 1 < args.Length:
            root = args[++i];
            break;
        case "--out" when i + 1 < args.Length:
            output = args[++i];
            break;
        default:
            await Console.Error.WriteLineAsync("usage: Junction.Bench --root <repo> --out <report.md> [--quick]");
            return 2;
    }
}

if (root is null || output is null)
{
    await Console.Error.WriteLineAsync("usage: Junction.Bench --root <repo> --out <report.md> [--quick]");
    return 2;
}

var full = new BenchSettings { Root = Path.GetFullPath(root), OutputPath = Path.GetFullPath(output) };
BenchSettings settings = quick ? BenchSettings.QuickFrom(full) : full;
AppDomain.CurrentDomain.ProcessExit += (_, _) => ChildProcess.KillAll();
using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => ChildProcess.KillAll());
using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => ChildProcess.KillAll());
try
{
    string report = await BenchRun.RunAsync(settings);
    Console.WriteLine(report);
    await File.WriteAllTextAsync(settings.OutputPath, report);
    await Console.Error.WriteLineAsync($"[bench] report written to {settings.OutputPath}");
    return 0;
}
catch (Exception e)
{
    await Console.Error.WriteLineAsync($"[bench] FAILED: {e.Message}");
    return 1;
}
finally
{
    ChildProcess.KillAll();
}
