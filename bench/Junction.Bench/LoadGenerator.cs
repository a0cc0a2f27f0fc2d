using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;

namespace Junction.Bench;

/// <summary>
/// Drives a target over one pooled <see cref="HttpClient"/>: open loop (requests leave at scheduled instants,
/// whatever happened to earlier ones, and latency counts from the scheduled instant, so a stall is never hidden:
/// no coordinated omission) and closed loop (N workers back to back, for the maximum rate).
/// </summary>
internal sealed class LoadGenerator : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _masterKey;

    public LoadGenerator(string masterKey)
    {
        _masterKey = masterKey;
        _http = new HttpClient(new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            UseProxy = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = 1024,
            ConnectTimeout = TimeSpan.FromSeconds(5),
        })
        {
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    /// <summary>Sends <paramref name="count"/> requests at <paramref name="rate"/> per second from a dedicated timing thread.</summary>
    public async Task<Outcome[]> OpenLoopAsync(Uri url, byte[] body, int count, double rate, bool stream)
    {
        var tasks = new Task<Outcome>[count];
        var scheduled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        double ticksPerRequest = Stopwatch.Frequency / rate;
        long start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 50;
        var thread = new Thread(() =>
        {
            try
            {
                for (int i = 0; i < count; i++)
                {
                    long due = start + (long)(i * ticksPerRequest);
                    NativeSleep.Until(due);
                    tasks[i] = stream ? StreamOnceAsync(url, body, due) : SendOnceAsync(url, body, due);
                }

                scheduled.SetResult();
            }
            catch (Exception e)
            {
                scheduled.SetException(e);
            }
        })
        {
            IsBackground = true,
            Name = "open-loop scheduler",
            Priority = ThreadPriority.AboveNormal,
        };
        thread.Start();
        await scheduled.Task;
        return await Task.WhenAll(tasks);
    }

    /// <summary>Runs <paramref name="concurrency"/> workers back to back for <paramref name="duration"/>; returns (ok, failed, elapsed).</summary>
    public async Task<(int Ok, int Failed, TimeSpan Elapsed)> ClosedLoopAsync(Uri url, byte[] body, int concurrency, TimeSpan duration)
    {
        long start = Stopwatch.GetTimestamp();
        long end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        int ok = 0;
        int failed = 0;
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < end)
            {
                Outcome outcome = await SendOnceAsync(url, body, Stopwatch.GetTimestamp());
                Interlocked.Increment(ref outcome.Ok ? ref ok : ref failed);
            }
        }));
        await Task.WhenAll(workers);
        return (ok, failed, Stopwatch.GetElapsedTime(start));
    }

    public void Dispose() => _http.Dispose();

    private HttpRequestMessage NewRequest(Uri url, byte[] body, bool stream)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + _masterKey);
        request.Headers.TryAddWithoutValidation("Accept", stream ? "text/event-stream" : "application/json");
        request.Headers.TryAddWithoutValidation("User-Agent", "OpenAI/Python 1.99.0");
        return request;
    }

    private async Task<Outcome> SendOnceAsync(Uri url, byte[] body, long due)
    {
        using HttpRequestMessage request = NewRequest(url, body, stream: false);
        try
        {
            using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            double ms = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
            return new Outcome(ms, (int)response.StatusCode, Attempts(response), response.Headers.Contains("x-junction-fallback-model"));
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
        {
            return new Outcome(Stopwatch.GetElapsedTime(due).TotalMilliseconds, 0, 0, false);
        }
    }

    /// <summary>A streamed request; the latency is the time to the first body bytes, which must start a <c>data:</c> event.</summary>
    private async Task<Outcome> StreamOnceAsync(Uri url, byte[] body, long due)
    {
        using HttpRequestMessage request = NewRequest(url, body, stream: true);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            await using Stream content = await response.Content.ReadAsStreamAsync();
            double firstChunkMs = double.NaN;
            int seen = 0;
            int read;
            while ((read = await content.ReadAsync(buffer)) > 0)
            {
                // The first five body bytes must be "data:"; the clock stops on the read that completes them.
                for (int i = 0; i < read && seen < 5; i++, seen++)
                {
                    if (buffer[i] != "data:"u8[seen])
                    {
                        return new Outcome(Stopwatch.GetElapsedTime(due).TotalMilliseconds, -1, 0, false);
                    }
                }

                if (seen == 5 && double.IsNaN(firstChunkMs))
                {
                    firstChunkMs = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
                }
            }

            int status = double.IsNaN(firstChunkMs) ? -1 : (int)response.StatusCode;
            return new Outcome(double.IsNaN(firstChunkMs) ? Stopwatch.GetElapsedTime(due).TotalMilliseconds : firstChunkMs, status, Attempts(response), false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
        {
            return new Outcome(Stopwatch.GetElapsedTime(due).TotalMilliseconds, 0, 0, false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static int Attempts(HttpResponseMessage response) =>
        response.Headers.TryGetValues("x-junction-attempts", out IEnumerable<string>? values)
            && int.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int attempts) ? attempts : 1;
}
