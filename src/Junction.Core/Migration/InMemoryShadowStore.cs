namespace Junction.Migration;

/// <summary>Keeps the most recent shadow pairs in memory (bounded): for setups without a database, and for tests.</summary>
public sealed class InMemoryShadowStore : IShadowStore
{
    private readonly Queue<ShadowPair> _pairs = new();
    private readonly int _capacity;
    private readonly Lock _lock = new();

    public InMemoryShadowStore(int capacity = 50_000) => _capacity = capacity;

    public Task AddAsync(ShadowPair pair, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _pairs.Enqueue(pair);
            while (_pairs.Count > _capacity)
            {
                _pairs.Dequeue();
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ShadowPair>> ListAsync(string model, DateTimeOffset since, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<ShadowPair>>([.. _pairs.Where(p => p.Model == model && p.Time >= since)]);
        }
    }
}
