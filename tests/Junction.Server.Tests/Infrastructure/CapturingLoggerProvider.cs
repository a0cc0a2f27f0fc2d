using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Junction.Server.Tests.Infrastructure;

/// <summary>Keeps every formatted log line (with exception text) so tests can assert on logs, e.g. that no secret appears.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public string AllText => string.Join("\n", _lines);

    /// <summary>
    /// The lines matching <paramref name="predicate"/>, waiting up to 5 s for the first one: the request log line is
    /// written after the response has been sent, so a test can see the response before the line exists.
    /// </summary>
    public async Task<IReadOnlyList<string>> WaitForAsync(Func<string, bool> predicate)
    {
        for (var i = 0; i < 100; i++)
        {
            var matches = _lines.Where(predicate).ToList();
            if (matches.Count > 0)
            {
                return matches;
            }

            await Task.Delay(50);
        }

        return [];
    }

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var props = state is IEnumerable<KeyValuePair<string, object?>> kv ? string.Join(" ", kv.Select(p => $"{p.Key}={p.Value}")) : "";
            lines.Enqueue($"{logLevel} {category} [{eventId.Name}] {formatter(state, exception)} {props} {exception}");
        }
    }
}
