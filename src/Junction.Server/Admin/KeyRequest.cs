namespace Junction.Server.Admin;

/// <summary>The body of <c>POST /admin/keys</c> and <c>PATCH /admin/keys/{id}</c>; on PATCH, only fields present and non-null change.</summary>
internal sealed class KeyRequest : IAdminLimits
{
    public string? Name { get; set; }
    public string? TeamId { get; set; }
    public string? UserId { get; set; }
    public string? Role { get; set; }
    public List<string>? Models { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public Dictionary<string, string>? Metadata { get; set; }
    public decimal? BudgetUsd { get; set; }
    public string? BudgetPeriod { get; set; }
    public int? Rpm { get; set; }
    public int? Tpm { get; set; }
    public int? MaxParallel { get; set; }
    public bool? Enabled { get; set; }
}
