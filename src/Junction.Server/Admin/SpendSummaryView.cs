namespace Junction.Server.Admin;

/// <summary>The answer of <c>GET /admin/spend</c>: the grouping, the window and one row per group.</summary>
internal sealed class SpendSummaryView
{
    public string Object { get; set; } = "spend_summary";

    public string By { get; set; } = "";

    public DateTimeOffset Since { get; set; }

    public DateTimeOffset Until { get; set; }

    public List<SpendGroupView> Data { get; set; } = [];

    /// <summary>The view of a summary (used by the admin API and <c>junction spend</c>).</summary>
    public static SpendSummaryView From(string by, DateTimeOffset since, DateTimeOffset until, IEnumerable<Junction.Spend.SpendSummaryRow> rows)
    {
        var view = new SpendSummaryView { By = by, Since = since, Until = until };
        view.Data.AddRange(rows.Select(static r => new SpendGroupView
        {
            Group = r.Group,
            Requests = r.Requests,
            Errors = r.Errors,
            PromptTokens = r.PromptTokens,
            CompletionTokens = r.CompletionTokens,
            CachedTokens = r.CachedTokens,
            CostUsd = Junction.Budgets.Nanos.ToUsd(r.CostNanos),
            UnpricedRequests = r.UnpricedRequests,
        }));
        return view;
    }
}

/// <summary>One group of a spend summary (<c>group</c> is null for requests without that attribute).</summary>
internal sealed class SpendGroupView
{
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)]
    public string? Group { get; set; }

    public long Requests { get; set; }

    public long Errors { get; set; }

    public long PromptTokens { get; set; }

    public long CompletionTokens { get; set; }

    public long CachedTokens { get; set; }

    public decimal CostUsd { get; set; }

    public long UnpricedRequests { get; set; }
}
