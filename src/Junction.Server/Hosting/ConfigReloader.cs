using System.Security.Cryptography;
using Junction.Configuration;
using Junction.Server.Auth;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Junction.Server.Hosting;

/// <summary>
/// Watches the config file (by content hash, polled once a second: robust on every file system and editor) and applies
/// a valid new version without dropping in-flight requests: a new routing snapshot is swapped in and the master key
/// updated. An invalid version is rejected with every problem logged, and the running config stays. Listen address,
/// port and body limit need a restart.
/// </summary>
internal sealed partial class ConfigReloader : BackgroundService
{
    private readonly string _path;
    private readonly JunctionRuntime _runtime;
    private readonly MasterKeyAuthenticator _authenticator;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<ConfigReloader> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private byte[]? _lastHash;

    public ConfigReloader(string path, JunctionRuntime runtime, MasterKeyAuthenticator authenticator, TimeProvider timeProvider, ILogger<ConfigReloader> logger)
    {
        _path = path;
        _runtime = runtime;
        _authenticator = authenticator;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>How often the file is checked.</summary>
    public static TimeSpan Interval { get; } = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _lastHash = Hash();
        using var timer = new PeriodicTimer(Interval, _timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CheckOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A reload that fails must never stop the gateway: the running config stays.
                Log.ReloadFailed(_logger, ex, _path);
            }
        }
    }

    /// <summary>Reloads when the file's content changed; returns whether a new config was applied.</summary>
    public async Task<bool> CheckOnceAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await CheckLockedAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<bool> CheckLockedAsync(CancellationToken cancellationToken)
    {
        var hash = Hash();
        if (hash is null || (_lastHash is not null && hash.AsSpan().SequenceEqual(_lastHash)))
        {
            return false;
        }

        _lastHash = hash;
        ConfigLoadResult result;
        try
        {
            result = JunctionConfigLoader.LoadFile(_path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Caught mid-write or briefly unreadable: forget the hash so the next tick reads it again.
            _lastHash = null;
            Log.Unreadable(_logger, ex, _path);
            return false;
        }

        if (!result.IsValid)
        {
            Log.Rejected(_logger, _path, result.Errors.Count);
            foreach (var error in result.Errors)
            {
                Log.Problem(_logger, error.ToString());
            }

            return false;
        }

        var options = result.Options!;
        var current = _runtime.Options.Server;
        if (options.Server.Host != current.Host || options.Server.Port != current.Port || options.Server.MaxRequestBodyMb != current.MaxRequestBodyMb)
        {
            Log.RestartNeeded(_logger);
            options.Server = current;
        }

        await _runtime.ReloadAsync(options, cancellationToken);
        _authenticator.Update(options.Auth.MasterKey);
        Log.Reloaded(_logger, _path, options.Models.Count);
        return true;
    }

    private byte[]? Hash()
    {
        try
        {
            using var stream = File.OpenRead(_path);
            return SHA256.HashData(stream);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Config {Path} reloaded: {Models} models", EventName = "ConfigReloaded")]
        public static partial void Reloaded(ILogger logger, string path, int models);

        [LoggerMessage(2, LogLevel.Error, "Config {Path} changed but is invalid ({Count} problems); keeping the running config", EventName = "ConfigRejected")]
        public static partial void Rejected(ILogger logger, string path, int count);

        [LoggerMessage(3, LogLevel.Error, "  {Problem}", EventName = "ConfigProblem")]
        public static partial void Problem(ILogger logger, string problem);

        [LoggerMessage(6, LogLevel.Error, "Applying the new config {Path} failed; keeping the running config", EventName = "ConfigReloadFailed")]
        public static partial void ReloadFailed(ILogger logger, Exception exception, string path);

        [LoggerMessage(5, LogLevel.Warning, "Config {Path} could not be read; trying again on the next check", EventName = "ConfigUnreadable")]
        public static partial void Unreadable(ILogger logger, Exception exception, string path);

        [LoggerMessage(4, LogLevel.Warning, "The server block changed; host, port and max_request_body_mb apply after a restart", EventName = "ConfigRestartNeeded")]
        public static partial void RestartNeeded(ILogger logger);
    }
}
