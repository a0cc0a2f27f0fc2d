namespace Junction.Configuration;

/// <summary>Checks the <c>server</c> block.</summary>
internal static class ServerOptionsValidator
{
    public static void Validate(ServerOptions server, List<ConfigError> errors)
    {
        if (string.IsNullOrWhiteSpace(server.Host))
        {
            errors.Add(new("server.host", null, "must not be empty"));
        }

        if (server.Port is < 0 or > 65535)
        {
            errors.Add(new("server.port", null, "must be between 0 and 65535 (0 picks a free port)"));
        }

        if (server.MaxRequestBodyMb is < 1 or > 1024)
        {
            errors.Add(new("server.max_request_body_mb", null, "must be between 1 and 1024"));
        }
    }
}
