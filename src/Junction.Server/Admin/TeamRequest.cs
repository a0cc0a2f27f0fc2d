namespace Junction.Server.Admin;

/// <summary>The body of <c>POST /admin/teams</c> and <c>PATCH /admin/teams/{id}</c>.</summary>
internal sealed class TeamRequest : IAdminLimits
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public Dictionary<string, string>? Metadata { get; set; }
    public decimal? BudgetUsd { get; set; }
    public string? BudgetPeriod { get; set; }
    public int? Rpm { get; set; }
    public int? Tpm { get; set; }
    public int? MaxParallel { get; set; }
}
