namespace Junction.Configuration;

/// <summary>The <c>server</c> block.</summary>
public sealed class ServerOptions
{
    /// <summary>The address to listen on (<c>host</c>).</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>The TCP port (<c>port</c>), 0..65535; 0 picks any free port.</summary>
    public int Port { get; set; } = 4000;

    /// <summary>The largest accepted request body in MiB (<c>max_request_body_mb</c>), 1..1024.</summary>
    public int MaxRequestBodyMb { get; set; } = 32;

    internal static ServerOptions Read(ConfigMap map)
    {
        var options = new ServerOptions();
        options.Host = map.String("host") ?? options.Host;
        options.Port = map.Int("port") ?? options.Port;
        options.MaxRequestBodyMb = map.Int("max_request_body_mb") ?? options.MaxRequestBodyMb;
        return options;
    }
}
