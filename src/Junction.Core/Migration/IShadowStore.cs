namespace Junction.Migration;

/// <summary>Where shadow pairs are kept for reports: the database when storage is configured, memory otherwise.</summary>
public interface IShadowStore
{
    Task AddAsync(ShadowPair pair, CancellationToken cancellationToken);

    Task<IReadOnlyList<ShadowPair>> ListAsync(string model, DateTimeOffset since, CancellationToken cancellationToken);
}
