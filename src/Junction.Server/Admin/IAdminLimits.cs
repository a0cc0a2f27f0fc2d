namespace Junction.Server.Admin;

/// <summary>Limit fields shared by keys, teams and users in requests and responses.</summary>
internal interface IAdminLimits
{
    decimal? BudgetUsd { get; }

    string? BudgetPeriod { get; }

    int? Rpm { get; }

    int? Tpm { get; }

    int? MaxParallel { get; }
}
