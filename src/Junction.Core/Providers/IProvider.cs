namespace Junction.Providers;

/// <summary>A provider adapter. Capabilities are separate interfaces: <see cref="IChatProvider"/>, <see cref="IEmbeddingProvider"/>, ...</summary>
public interface IProvider
{
    /// <summary>The name used in config (<c>provider: openai</c>).</summary>
    string Name { get; }
}
