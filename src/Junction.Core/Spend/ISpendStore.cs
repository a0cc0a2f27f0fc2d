namespace Junction.Spend;

/// <summary>Where spend rows are kept (the governance database) and read back.</summary>
public interface ISpendStore : IAsyncDisposable
{
    /// <summary>Inserts rows in one transaction; rows whose <see cref="SpendRecord.Id"/> is already stored are skipped (idempotent).</summary>
    Task InsertAsync(IReadOnlyList<SpendRecord> rows, CancellationToken cancellationToken);

    Task<IReadOnlyList<SpendSummaryRow>> SummarizeAsync(SpendQuery query, CancellationToken cancellationToken);

    /// <summary>Rows matching the filters, newest first (time, then id).</summary>
    Task<IReadOnlyList<SpendRecord>> QueryLogsAsync(SpendLogQuery query, CancellationToken cancellationToken);
}
