namespace Junction.Configuration;

/// <summary>The whole gateway configuration, as bound from <c>junction.yaml</c>.</summary>
public sealed class JunctionOptions
{
    /// <summary>The <c>server</c> block: where to listen and request limits.</summary>
    public ServerOptions Server { get; set; } = new();

    /// <summary>The <c>auth</c> block: the master key.</summary>
    public AuthOptions Auth { get; set; } = new();

    /// <summary>The <c>models</c> list: public model names and their deployments.</summary>
    public List<ModelOptions> Models { get; set; } = [];

    /// <summary>The <c>router</c> block: defaults for retries and timeouts.</summary>
    public RouterOptions Router { get; set; } = new();

    /// <summary>The <c>logging</c> block.</summary>
    public LoggingOptions Logging { get; set; } = new();

    /// <summary>The <c>storage</c> block: the governance database (keys, teams, users, audit log).</summary>
    public StorageOptions Storage { get; set; } = new();

    /// <summary>The <c>redis</c> block: limits and budgets shared by several instances.</summary>
    public RedisOptions Redis { get; set; } = new();

    /// <summary>The <c>governance</c> block: key cache and budget estimates.</summary>
    public GovernanceOptions Governance { get; set; } = new();

    /// <summary>The <c>telemetry</c> block: <c>/metrics</c> and OTLP export.</summary>
    public TelemetryOptions Telemetry { get; set; } = new();

    /// <summary>The <c>spend</c> block: the spend log's batching and outbox.</summary>
    public SpendOptions Spend { get; set; } = new();

    internal static JunctionOptions Read(ConfigMap map) => new()
    {
        Logging = map.Map("logging") is { } logging ? LoggingOptions.Read(logging) : new(),
        Server = map.Map("server") is { } server ? ServerOptions.Read(server) : new(),
        Auth = map.Map("auth") is { } auth ? AuthOptions.Read(auth) : new(),
        Models = [.. map.List("models").Select(ModelOptions.Read)],
        Router = map.Map("router") is { } router ? RouterOptions.Read(router) : new(),
        Storage = map.Map("storage") is { } storage ? StorageOptions.Read(storage) : new(),
        Redis = map.Map("redis") is { } redis ? RedisOptions.Read(redis) : new(),
        Governance = map.Map("governance") is { } governance ? GovernanceOptions.Read(governance) : new(),
        Telemetry = map.Map("telemetry") is { } telemetry ? TelemetryOptions.Read(telemetry) : new(),
        Spend = map.Map("spend") is { } spend ? SpendOptions.Read(spend) : new(),
    };
}
