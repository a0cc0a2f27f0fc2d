namespace Junction.Server.Admin;

/// <summary>A team with its limits and its spend in the current budget period.</summary>
internal sealed class TeamView : IAdminLimits
{
    public string Id { get; set; } = "";
    public string Object { get; set; } = "team";
    public string Name { get; set; } = "";
    public Dictionary<string, string> Metadata { get; set; } = [];
    public decimal? BudgetUsd { get; set; }
    public string? BudgetPeriod { get; set; }
    public decimal? SpendUsd { get; set; }
    public int? Rpm { get; set; }
    public int? Tpm { get; set; }
    public int? MaxParallel { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
