using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Junction.Server.Tests.Infrastructure;

/// <summary>
/// Renders every log entry with the host's own JSON console formatter (as <c>--log-format json</c> sets it up,
/// scopes included) and keeps the lines, so tests see exactly what the console would print.
/// </summary>
public sealed class JsonLogCapture(IServiceProvider services) : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = new();
    private IExternalScopeProvider? _scopes;
    private ConsoleFormatter? _formatter;
    private TaskCompletionSource _written = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyCollection<string> Lines => _lines;

    /// <summary>Registers the capture as a logger provider of the host being built.</summary>
    public static void AddTo(IServiceCollection serviceCollection)
    {
        serviceCollection.AddSingleton(sp => new JsonLogCapture(sp));
        serviceCollection.AddSingleton<ILoggerProvider>(sp => sp.GetRequiredService<JsonLogCapture>());
    }

    /// <summary>
    /// Waits for a line matching <paramref name="predicate"/>: the request line is written after the response has
    /// reached the client, so a test may read the logs before it exists.
    /// </summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> predicate, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            var written = Volatile.Read(ref _written).Task;
            if (_lines.FirstOrDefault(predicate) is { } line)
            {
                return line;
            }

            await written.WaitAsync(deadline.Token);
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private void Write<TState>(LogLevel level, string category, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> format)
    {
        _formatter ??= services.GetServices<ConsoleFormatter>().Single(f => f.Name == ConsoleFormatterNames.Json);
        using var writer = new StringWriter();
        _formatter.Write(new LogEntry<TState>(level, category, eventId, state, exception, format), _scopes, writer);
        _lines.Enqueue(writer.ToString().TrimEnd());
        Interlocked.Exchange(ref _written, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    private sealed class Logger(JsonLogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => capture._scopes?.Push(state) ?? NullLogger.Instance.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            capture.Write(logLevel, category, eventId, state, exception, formatter);
    }
}
