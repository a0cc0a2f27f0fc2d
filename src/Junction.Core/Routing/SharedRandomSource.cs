namespace Junction.Routing;

/// <summary>The default <see cref="IRandomSource"/>: <see cref="Random.Shared"/>, which is thread-safe.</summary>
public sealed class SharedRandomSource : IRandomSource
{
    public static readonly SharedRandomSource Instance = new();

    public double NextDouble() => Random.Shared.NextDouble();
}
