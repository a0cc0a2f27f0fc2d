using Junction.Keys;

namespace Junction.Server.Admin;

/// <summary>Records to admin views; the only place that decides what the admin API shows (never a hash or secret).</summary>
internal static class AdminViews
{
    public static KeyView Key(VirtualKey key, decimal? spend) => new()
    {
        Id = key.Id,
        Hint = key.Hint,
        Name = key.Name,
        TeamId = key.TeamId,
        UserId = key.UserId,
        Role = key.Role,
        Models = [.. key.Models],
        ExpiresAt = key.ExpiresAt,
        Metadata = new(key.Metadata, StringComparer.Ordinal),
        BudgetUsd = key.Limits.BudgetUsd,
        BudgetPeriod = key.Limits.BudgetUsd is null ? null : key.Limits.BudgetPeriod ?? Budgets.BudgetPeriods.Default,
        SpendUsd = spend,
        Rpm = key.Limits.Rpm,
        Tpm = key.Limits.Tpm,
        MaxParallel = key.Limits.MaxParallel,
        Enabled = key.Enabled,
        Status = key.RevokedAt is not null ? "revoked" : !key.Enabled ? "disabled" : "active",
        RevokedAt = key.RevokedAt,
        CreatedAt = key.CreatedAt,
        UpdatedAt = key.UpdatedAt,
    };

    public static TeamView Team(Team team, decimal? spend) => new()
    {
        Id = team.Id,
        Name = team.Name,
        Metadata = new(team.Metadata, StringComparer.Ordinal),
        BudgetUsd = team.Limits.BudgetUsd,
        BudgetPeriod = team.Limits.BudgetUsd is null ? null : team.Limits.BudgetPeriod ?? Budgets.BudgetPeriods.Default,
        SpendUsd = spend,
        Rpm = team.Limits.Rpm,
        Tpm = team.Limits.Tpm,
        MaxParallel = team.Limits.MaxParallel,
        CreatedAt = team.CreatedAt,
        UpdatedAt = team.UpdatedAt,
    };

    public static UserView User(User user, decimal? spend) => new()
    {
        Id = user.Id,
        Email = user.Email,
        TeamId = user.TeamId,
        Metadata = new(user.Metadata, StringComparer.Ordinal),
        BudgetUsd = user.Limits.BudgetUsd,
        BudgetPeriod = user.Limits.BudgetUsd is null ? null : user.Limits.BudgetPeriod ?? Budgets.BudgetPeriods.Default,
        SpendUsd = spend,
        Rpm = user.Limits.Rpm,
        Tpm = user.Limits.Tpm,
        MaxParallel = user.Limits.MaxParallel,
        CreatedAt = user.CreatedAt,
        UpdatedAt = user.UpdatedAt,
    };
}
