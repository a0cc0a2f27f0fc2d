namespace Junction.Spend;

/// <summary>Takes spend rows off the request path: queues them for a background writer and returns at once.</summary>
public interface ISpendSink
{
    /// <summary>Queues a row; false (counted as dropped and logged) only when the bounded queue is full.</summary>
    bool TryAdd(SpendRecord record);
}
