using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Yarp.ReverseProxy.Forwarder;

// junction-bench-floor <upstream origin, e.g. http://127.0.0.1:5001>
// The cheapest hop YARP allows: every request is forwarded as is (path, headers, body bytes), nothing is parsed,
// no X-Forwarded headers are added, nothing is logged. Prints "listening on <url>" once ready.
if (args.Length != 1)
{
    await Console.Error.WriteLineAsync("usage: Junction.Bench.Floor <upstream origin>");
    return 2;
}

var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.Sources.Clear();
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Listen(IPAddress.Loopback, 0);
});
builder.Services.AddHttpForwarder();

var app = builder.Build();
app.MapForwarder("/{**catch-all}", args[0], ForwarderRequestConfig.Empty, HttpTransformer.Empty);
await app.StartAsync();
var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
Console.WriteLine($"listening on {address}");
Console.Out.Flush();
await app.WaitForShutdownAsync();
return 0;
