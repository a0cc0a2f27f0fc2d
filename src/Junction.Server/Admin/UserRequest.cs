namespace Junction.Server.Admin;

/// <summary>The body of <c>POST /admin/users</c> and <c>PATCH /admin/users/{id}</c>.</summary>
internal sealed class UserRequest : IAdminLimits
{
    public string? Id { get; set; }
    public string? Email { get; set; }
    public string? TeamId { get; set; }
    public Dictionary<string, string>? Metadata { get; set; }
    public decimal? BudgetUsd { get; set; }
    public string? BudgetPeriod { get; set; }
    public int? Rpm { get; set; }
    public int? Tpm { get; set; }
    public int? MaxParallel { get; set; }
}
