using System.Collections.Concurrent;
using Junction.Spend;

namespace Junction.Extensions.AI.Tests.TestSupport;

/// <summary>Keeps every <see cref="RequestCompleted"/> it is told about: the in-memory spend sink of the tests.</summary>
public sealed class InMemoryRequestObserver : IRequestObserver
{
    private readonly ConcurrentQueue<RequestCompleted> _records = new();

    public IReadOnlyList<RequestCompleted> Records => [.. _records];

    public void OnRequestCompleted(RequestCompleted request) => _records.Enqueue(request);
}
