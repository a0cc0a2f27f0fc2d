using System.CommandLine;
using Junction.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Junction.Cli.Commands;

/// <summary><c>junction serve --config &lt;file&gt; [--port N] [--host H] [--log-level L]</c>: run the gateway until stopped.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var config = ConfigFileLoader.CreateOption();
        var port = new Option<int?>("--port", "-p") { Description = "Port to listen on (overrides server.port)." };
        var host = new Option<string?>("--host") { Description = "Address to listen on (overrides server.host)." };
        var logFormat = new Option<string>("--log-format")
        {
            Description = "Log output: text or json.",
            DefaultValueFactory = _ => "text",
        };
        logFormat.AcceptOnlyFromAmong("text", "json");
        var logLevel = new Option<LogLevel>("--log-level")
        {
            Description = "Least severe log level written (information logs one line per request).",
            DefaultValueFactory = _ => LogLevel.Information,
        };

        var serve = new Command("serve", "Start the gateway.") { config, port, host, logFormat, logLevel };
        serve.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var output = parse.InvocationConfiguration.Output;
            var options = ConfigFileLoader.Load(parse.GetValue(config)!, error);
            if (options is null)
            {
                return 1;
            }

            if (parse.GetValue(port) is { } p)
            {
                options.Server.Port = p;
            }

            if (parse.GetValue(host) is { } h)
            {
                options.Server.Host = h;
            }

            WebApplication app;
            try
            {
                app = JunctionServer.BuildApp(options, new JunctionServerSettings
                {
                    LogFormat = parse.GetValue(logFormat)!,
                    ConfigPath = parse.GetValue(config),
                    MinimumLogLevel = parse.GetValue(logLevel),
                });
            }
            catch (JunctionStartupException ex)
            {
                error.WriteLine("junction: " + ex.Message);
                return 1;
            }

            await using (app)
            {
                await app.StartAsync(cancellationToken);
                output.WriteLine($"Junction {JunctionInfo.Version} listening on {string.Join(", ", app.Urls)} " +
                    $"({options.Models.Count} models; auth {(string.IsNullOrEmpty(options.Auth.MasterKey) ? "off: loopback only" : "on")}).");
                await app.WaitForShutdownAsync(cancellationToken);
            }

            return 0;
        });
        return serve;
    }
}
