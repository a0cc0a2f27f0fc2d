using Junction.Configuration;
using Junction.Spend;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Junction.Extensions.AI;

/// <summary>
/// Configures an in-process Junction: from the same YAML as the proxy (<see cref="LoadConfig"/>), from code
/// (<see cref="AddModel"/>), or both (models from code are added to the file's). <see cref="Build()"/> validates with the
/// proxy's rules and returns the <see cref="JunctionRuntime"/>; <c>services.AddJunction(...)</c> does the same for DI.
/// </summary>
public sealed class JunctionBuilder
{
    private readonly List<IRequestObserver> _observers = [];
    private JunctionOptions _options = new();

    /// <summary>The options built so far (loaded or from code); change them freely before building.</summary>
    public JunctionOptions Options => _options;

    /// <summary>The public model behind the unkeyed <see cref="IChatClient"/> in DI, and the default of <c>AsChatClient()</c>.</summary>
    public string? DefaultChatModel { get; set; }

    /// <summary>The public model behind the unkeyed embedding generator in DI.</summary>
    public string? DefaultEmbeddingModel { get; set; }

    internal TimeProvider? TimeProvider { get; private set; }

    internal ILoggerFactory? LoggerFactory { get; private set; }

    internal ICostEstimator? CostEstimator { get; private set; }

    internal IReadOnlyList<IRequestObserver> Observers => _observers;

    internal Func<IChatClient, IServiceProvider, IChatClient>? ChatPipeline { get; private set; }

    /// <summary>Loads a <c>junction.yaml</c> (with <c>${VAR}</c> expansion); throws <see cref="JunctionConfigurationException"/> listing every problem.</summary>
    public JunctionBuilder LoadConfig(string path, Func<string, string?>? getEnvironmentVariable = null) =>
        Use(JunctionConfigLoader.LoadFile(path, getEnvironmentVariable));

    /// <summary>Loads YAML text, as <see cref="LoadConfig"/> does a file.</summary>
    public JunctionBuilder LoadConfigText(string yaml, Func<string, string?>? getEnvironmentVariable = null) =>
        Use(JunctionConfigLoader.LoadText(yaml, "junction.yaml", getEnvironmentVariable ?? Environment.GetEnvironmentVariable));

    /// <summary>Adds a public model and its deployments: <c>.AddModel("gpt-4o", m => m.OpenAI("gpt-4o", key).Mock())</c>.</summary>
    public JunctionBuilder AddModel(string name, Action<JunctionModelBuilder> configure)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(configure);
        var model = new ModelOptions { Name = name };
        configure(new JunctionModelBuilder(model));
        _options.Models.Add(model);
        return this;
    }

    /// <summary>Changes the router defaults (retries, timeout, strategy, whether per-request overrides are allowed).</summary>
    public JunctionBuilder ConfigureRouter(Action<RouterOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(_options.Router);
        return this;
    }

    /// <summary>Adds an observer told about every finished request (spend stores, audit); DI-registered ones are added too.</summary>
    public JunctionBuilder AddObserver(IRequestObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _observers.Add(observer);
        return this;
    }

    /// <summary>Prices requests; the cost appears as <see cref="JunctionPropertyNames.Cost"/> on responses and in spend records.</summary>
    public JunctionBuilder UseCostEstimator(ICostEstimator estimator)
    {
        CostEstimator = estimator ?? throw new ArgumentNullException(nameof(estimator));
        return this;
    }

    public JunctionBuilder UseTimeProvider(TimeProvider timeProvider)
    {
        TimeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        return this;
    }

    public JunctionBuilder UseLoggerFactory(ILoggerFactory loggerFactory)
    {
        LoggerFactory = loggerFactory ?? throw new ArgumentNullException(nameof(loggerFactory));
        return this;
    }

    /// <summary>
    /// Wraps every chat client DI hands out (keyed and default) in middleware, e.g.
    /// <c>(client, sp) =&gt; client.AsBuilder().UseFunctionInvocation().UseOpenTelemetry().Build(sp)</c>.
    /// </summary>
    public JunctionBuilder UseChatClientPipeline(Func<IChatClient, IServiceProvider, IChatClient> pipeline)
    {
        ChatPipeline = pipeline ?? throw new ArgumentNullException(nameof(pipeline));
        return this;
    }

    /// <summary>Validates (and normalises) the options with the proxy's rules; throws <see cref="JunctionConfigurationException"/>.</summary>
    public JunctionOptions Validate()
    {
        var errors = JunctionOptionsValidator.Validate(_options);
        return errors.Count > 0 ? throw new JunctionConfigurationException(errors) : _options;
    }

    /// <summary>Validates and builds the runtime. The caller owns it: dispose it at shutdown.</summary>
    public JunctionRuntime Build() => Build(services: null);

    internal JunctionRuntime Build(IServiceProvider? services)
    {
        var options = Validate();
        var observers = _observers.ToList();
        if (services?.GetService(typeof(IEnumerable<IRequestObserver>)) is IEnumerable<IRequestObserver> registered)
        {
            observers.AddRange(registered);
        }

        var hooks = new RequestHooks
        {
            Observers = observers,
            CostEstimator = CostEstimator ?? services?.GetService(typeof(ICostEstimator)) as ICostEstimator ?? NullCostEstimator.Instance,
        };
        return JunctionRuntime.Create(options,
            TimeProvider ?? services?.GetService(typeof(TimeProvider)) as TimeProvider,
            LoggerFactory ?? services?.GetService(typeof(ILoggerFactory)) as ILoggerFactory,
            random: null, hooks: hooks);
    }

    private JunctionBuilder Use(ConfigLoadResult result)
    {
        if (!result.IsValid)
        {
            throw new JunctionConfigurationException(result.Errors);
        }

        var loaded = result.Options!;
        loaded.Models.AddRange(_options.Models);
        _options = loaded;
        return this;
    }
}
