namespace Junction.Server.Admin;

/// <summary>A key as the admin API shows it: never the secret or its hash (<see cref="Key"/> is set only once, on create and rotate).</summary>
internal sealed class KeyView : IAdminLimits
{
    public string Id { get; set; } = "";
    public string Object { get; set; } = "virtual_key";
    public string? Key { get; set; }
    public string Hint { get; set; } = "";
    public string? Name { get; set; }
    public string? TeamId { get; set; }
    public string? UserId { get; set; }
    public string Role { get; set; } = "";
    public List<string> Models { get; set; } = [];
    public DateTimeOffset? ExpiresAt { get; set; }
    public Dictionary<string, string> Metadata { get; set; } = [];
    public decimal? BudgetUsd { get; set; }
    public string? BudgetPeriod { get; set; }
    public decimal? SpendUsd { get; set; }
    public int? Rpm { get; set; }
    public int? Tpm { get; set; }
    public int? MaxParallel { get; set; }
    public bool Enabled { get; set; }
    public string Status { get; set; } = "";
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
