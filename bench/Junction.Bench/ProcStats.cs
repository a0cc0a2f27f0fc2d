using System.Globalization;

namespace Junction.Bench;

/// <summary>What Linux reports about a process: CPU time (utime + stime, all threads) and resident memory.</summary>
internal static class ProcStats
{
    private static readonly Lazy<long> _clockTicks = new(ReadClockTicks);

    /// <summary>User plus system CPU time consumed so far by every thread of <paramref name="pid"/>.</summary>
    public static TimeSpan CpuTime(int pid)
    {
        // /proc/<pid>/stat: "pid (comm) state ppid ..."; utime and stime are fields 14 and 15 (1-based).
        string stat = File.ReadAllText($"/proc/{pid}/stat");
        string[] rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        long ticks = long.Parse(rest[11], CultureInfo.InvariantCulture) + long.Parse(rest[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds((double)ticks / _clockTicks.Value);
    }

    /// <summary>Peak resident set size (VmHWM) in MiB.</summary>
    public static double PeakRssMb(int pid) => StatusKb(pid, "VmHWM:") / 1024.0;

    /// <summary>Current resident set size (VmRSS) in MiB.</summary>
    public static double RssMb(int pid) => StatusKb(pid, "VmRSS:") / 1024.0;

    private static long StatusKb(int pid, string key)
    {
        foreach (string line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith(key, StringComparison.Ordinal))
            {
                return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"{key} not found for pid {pid}");
    }

    private static long ReadClockTicks()
    {
        using var getconf = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("getconf", "CLK_TCK")
        {
            RedirectStandardOutput = true,
        })!;
        string text = getconf.StandardOutput.ReadToEnd().Trim();
        getconf.WaitForExit();
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long ticks) && ticks > 0 ? ticks : 100;
    }
}
