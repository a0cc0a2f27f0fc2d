using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Junction.Bench;

/// <summary>
/// A process under test, started through <c>taskset -c CORE dotnet DLL ...</c> (taskset execs, so the pid is the
/// .NET process). Its output goes to a log file; it is ready once it prints a loopback URL with a real port.
/// </summary>
internal sealed partial class ChildProcess : IDisposable
{
    private static readonly List<ChildProcess> _live = [];
    private readonly Process _process;

    private ChildProcess(string name, Process process, string logPath)
    {
        Name = name;
        _process = process;
        LogPath = logPath;
    }

    public string Name { get; }

    public string LogPath { get; }

    public int Pid => _process.Id;

    public int Port { get; private set; }

    public Uri Origin => new($"http://127.0.0.1:{Port}");

    /// <summary>
    /// Starts <c>taskset -c CORE dotnet DLL ARGS</c> with stdout and stderr going straight to <paramref name="logPath"/>
    /// (through <c>sh -c 'exec ...'</c>, so the orchestrator never reads the child's log on its own core) and waits
    /// for a "listening on http://127.0.0.1:PORT" line. Standard input stays an open pipe until the child is disposed.
    /// </summary>
    public static async Task<ChildProcess> StartAsync(string name, int core, string dll, IEnumerable<string> args, string logPath, TimeSpan timeout)
    {
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"{name}: {dll} is missing; build Release first (bench/run.sh does)", dll);
        }

        var info = new ProcessStartInfo("sh") { RedirectStandardInput = true, UseShellExecute = false };
        foreach (string arg in (string[])["-c", "exec \"$@\" > \"$0\" 2>&1", logPath, "taskset", "-c", core.ToString(System.Globalization.CultureInfo.InvariantCulture), "dotnet", dll, .. args])
        {
            info.ArgumentList.Add(arg);
        }

        File.WriteAllText(logPath, "");
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {name}");
        var child = new ChildProcess(name, process, logPath);
        lock (_live)
        {
            _live.Add(child);
        }

        long deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            if (FindPort(logPath) is { } port)
            {
                child.Port = port;
                return child;
            }

            if (process.HasExited || Stopwatch.GetTimestamp() > deadline)
            {
                string why = process.HasExited ? $"exited with code {process.ExitCode}" : $"did not report a port within {timeout.TotalSeconds:0} s";
                child.Dispose();
                throw new InvalidOperationException($"{name} {why}; its output:\n{File.ReadAllText(logPath)}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Kills every child still running (on exit, Ctrl+C or failure).</summary>
    public static void KillAll()
    {
        ChildProcess[] live;
        lock (_live)
        {
            live = [.. _live];
        }

        foreach (ChildProcess child in live)
        {
            child.Dispose();
        }
    }

    public void Dispose()
    {
        lock (_live)
        {
            if (!_live.Remove(this))
            {
                return;
            }
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    private static int? FindPort(string logPath)
    {
        using var stream = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (ListeningUrl().Match(line) is { Success: true } match
                && int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) is > 0 and var port)
            {
                return port;
            }
        }

        return null;
    }

    [GeneratedRegex(@"listening on:? http://127\.0\.0\.1:(\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex ListeningUrl();
}
