using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Junction.Extensions.AI;

/// <summary>Registers in-process Junction with dependency injection.</summary>
public static class JunctionServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="JunctionRuntime"/> (a singleton), an <see cref="IChatClient"/> and an embedding generator
    /// keyed by each public model name, and unkeyed ones for <see cref="JunctionBuilder.DefaultChatModel"/> and
    /// <see cref="JunctionBuilder.DefaultEmbeddingModel"/>. The config is loaded and validated here, at startup; an invalid
    /// one throws <see cref="JunctionConfigurationException"/>. Registered <c>IRequestObserver</c>s, an <c>ICostEstimator</c>,
    /// <see cref="TimeProvider"/> and <c>ILoggerFactory</c> are used when present.
    /// </summary>
    public static IServiceCollection AddJunction(this IServiceCollection services, Action<JunctionBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new JunctionBuilder();
        configure(builder);
        var options = builder.Validate();

        services.TryAddSingleton(sp => builder.Build(sp));
        foreach (var model in options.Models)
        {
            var name = model.Name;
            services.TryAddKeyedSingleton(name, (sp, _) => ChatClient(sp, builder, name));
            services.TryAddKeyedSingleton<IEmbeddingGenerator<string, Embedding<float>>>(name,
                (sp, _) => new JunctionEmbeddingGenerator(sp.GetRequiredService<JunctionRuntime>(), name));
        }

        if (builder.DefaultChatModel is { } chatModel)
        {
            services.TryAddSingleton(sp => ChatClient(sp, builder, chatModel));
        }

        if (builder.DefaultEmbeddingModel is { } embeddingModel)
        {
            services.TryAddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(
                sp => new JunctionEmbeddingGenerator(sp.GetRequiredService<JunctionRuntime>(), embeddingModel));
        }

        return services;
    }

    private static IChatClient ChatClient(IServiceProvider services, JunctionBuilder builder, string model)
    {
        IChatClient client = new JunctionChatClient(services.GetRequiredService<JunctionRuntime>(), model);
        return builder.ChatPipeline is { } pipeline ? pipeline(client, services) : client;
    }
}
