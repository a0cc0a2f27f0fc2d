using Junction.Configuration;
using Junction.Migration;
using Junction.Server.Admin;
using Junction.Server.Migration;
using Junction.Server.Auth;
using Junction.Server.Endpoints;
using Junction.Server.Governance;
using Junction.Server.Hosting;
using Junction.Server.Middleware;
using Junction.Server.Telemetry;
using Junction.Server.Spend;
using Junction.Spend;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Junction.Server;

/// <summary>Builds the Junction HTTP server from validated options; used by <c>junction serve</c> and by the tests.</summary>
public static class JunctionServer
{
    public static WebApplication BuildApp(JunctionOptions options, JunctionServerSettings? settings = null)
    {
        settings ??= new JunctionServerSettings();
        if (ListenAddressPolicy.Check(options.Server.Host, !string.IsNullOrEmpty(options.Auth.MasterKey)) is { } refusal)
        {
            throw new JunctionStartupException(refusal);
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = "junction",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls(ListenUrl(options.Server.Host, options.Server.Port));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = (long)options.Server.MaxRequestBodyMb * 1024 * 1024;
        });
        ConfigureLogging(builder.Logging, settings);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new MasterKeyAuthenticator(options.Auth.MasterKey));
        builder.Services.AddJunctionGovernance(options);
        builder.Services.AddJunctionTelemetry(options);
        builder.Services.AddJunctionSpend(options);
        builder.Services.AddJunctionMigration(options);
        builder.Services.AddSingleton(sp => JunctionRuntime.Create(options, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>(),
            azureCredentialFactory: settings.AzureCredentialFactory,
            migrationStores: sp.GetRequiredService<MigrationStores>() is var stores
                ? stores with { OnRolloutTransition = stores.OnRolloutTransition + TelemetryServiceCollectionExtensions.RolloutObserver(sp) }
                : null,

            hooks: new RequestHooks
            {
                Observers = [.. sp.GetServices<IRequestObserver>()],
                CostEstimator = sp.GetService<ICostEstimator>() ?? NullCostEstimator.Instance,
                TokenCounter = sp.GetService<ITokenCounter>() ?? ApproximateTokenCounter.Instance,
                CaptureContent = options.Logging.StoreContent,
            }));
        if (settings.ConfigPath is { } configPath && options.Router.WatchConfig)
        {
            builder.Services.AddSingleton(sp => new ConfigReloader(Path.GetFullPath(configPath), sp.GetRequiredService<JunctionRuntime>(),
                sp.GetRequiredService<MasterKeyAuthenticator>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ConfigReloader>>()));
            builder.Services.AddHostedService(sp => sp.GetRequiredService<ConfigReloader>());
        }

        builder.Services.AddHostedService<RuntimeLifetime>();
        settings.ConfigureBuilder?.Invoke(builder);

        var app = builder.Build();
        var runtime = app.Services.GetRequiredService<JunctionRuntime>();
        app.UseMiddleware<JunctionRequestMiddleware>();
        app.MapHealthEndpoints(runtime);
        app.MapDeploymentHealth(runtime);
        app.MapOpenAIEndpoints(runtime);
        app.MapImageEndpoints(runtime);
        app.MapAudioEndpoints(runtime);
        app.MapAzureEndpoints(runtime);
        app.MapMigrationAdminEndpoints(runtime);
        app.MapBedrockEndpoints(runtime);
        app.MapAdminEndpoints();
        app.MapJunctionMetrics(options);
        return app;
    }

    private static string ListenUrl(string host, int port)
    {
        var formatted = host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]" : host;
        return $"http://{formatted}:{port}";
    }

    private static void ConfigureLogging(ILoggingBuilder logging, JunctionServerSettings settings)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(settings.MinimumLogLevel);
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        if (settings.LogFormat == "json")
        {
            logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        else
        {
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            });
        }
    }
}
