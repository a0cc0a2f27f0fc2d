namespace Junction.Server.Admin;

/// <summary>A user with its limits and its spend in the current budget period.</summary>
internal sealed class UserView : IAdminLimits
{
    public string Id { get; set; } = "";
    public string Object { get; set; } = "user";
    public string? Email { get; set; }
    public string? TeamId { get; set; }
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
