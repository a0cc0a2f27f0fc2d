using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Junction.Bench;

/// <summary>Sleeps until a <see cref="Stopwatch"/> timestamp with sub-millisecond precision (nanosleep), so sends leave on schedule.</summary>
internal static partial class NativeSleep
{
    public static unsafe void Until(long timestamp)
    {
        long remaining = timestamp - Stopwatch.GetTimestamp();
        if (remaining <= 0)
        {
            return;
        }

        long nanoseconds = (long)(remaining * (1_000_000_000.0 / Stopwatch.Frequency));
        var request = new TimeSpec { Seconds = nanoseconds / 1_000_000_000, Nanoseconds = nanoseconds % 1_000_000_000 };
        _ = NanoSleep(&request, null);
    }

    [LibraryImport("libc", EntryPoint = "nanosleep")]
    private static unsafe partial int NanoSleep(TimeSpec* request, TimeSpec* remaining);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
