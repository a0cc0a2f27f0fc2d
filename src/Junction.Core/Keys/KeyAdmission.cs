using Junction.Budgets;
using Junction.Pricing;
using Junction.RateLimiting;
using Junction.Resilience;
using Junction.Routing;

namespace Junction.Keys;

/// <summary>
/// The gate for one request made with a virtual key, run by the router before any upstream call: the model must be
/// allowed (403), the key's, team's and user's RPM/TPM/parallel limits must have room (429 with Retry-After), and
/// the budgets must have room for the estimate, which is reserved (429 <c>budget_exceeded</c>). When the request ends,
/// the real cost replaces the reservation and the parallel slot is freed.
/// </summary>
public sealed class KeyAdmission : IRequestAdmission
{
    private readonly ResolvedKey _key;
    private readonly GovernanceServices _services;
    private RateLimitLease? _lease;
    private BudgetReservation? _reservation;

    public KeyAdmission(ResolvedKey key, GovernanceServices services)
    {
        _key = key;
        _services = services;
    }

    /// <summary>The rate limits as of admission, for the <c>x-ratelimit-*</c> headers; null when no limit applies.</summary>
    public RateLimitSnapshot? RateLimits { get; private set; }

    public async ValueTask AdmitAsync(RequestContext context, ModelGroup group, CancellationToken cancellationToken)
    {
        if (_lease is not null || _reservation is not null)
        {
            return;
        }

        CheckModel(group.Name);
        foreach (var fallback in context.Overrides?.Fallbacks ?? [])
        {
            CheckModel(fallback);
        }

        var rateScopes = RateScopes();
        if (rateScopes.Count > 0)
        {
            var lease = await _services.Limiter.AcquireAsync(rateScopes, cancellationToken).ConfigureAwait(false);
            RateLimits = lease.Snapshot;
            if (!lease.Acquired)
            {
                var value = lease.DeniedLimit switch
                {
                    RateLimitNames.Rpm => rateScopes.First(s => s.Scope == lease.DeniedScope).Rpm,
                    RateLimitNames.Tpm => rateScopes.First(s => s.Scope == lease.DeniedScope).Tpm,
                    _ => rateScopes.First(s => s.Scope == lease.DeniedScope).MaxParallel,
                };
                throw new JunctionException(GovernanceErrors.RateLimited(lease.DeniedScope!, lease.DeniedLimit!, value, lease.RetryAfter));
            }

            _lease = lease;
        }

        var budgetScopes = BudgetScopes();
        if (budgetScopes.Count > 0)
        {
            var estimate = Estimate(context, group);
            var reservation = await _services.Ledger.ReserveAsync(budgetScopes, estimate, cancellationToken).ConfigureAwait(false);
            if (!reservation.Granted)
            {
                await ReleaseLeaseAsync(0, cancellationToken).ConfigureAwait(false);
                var now = _services.TimeProvider.GetUtcNow();
                throw new JunctionException(GovernanceErrors.BudgetExceeded(reservation.DeniedScope!, reservation.ResetsAt,
                    reservation.ResetsAt is { } reset ? reset - now : null));
            }

            _reservation = reservation;
        }
    }

    public async ValueTask CompleteAsync(RequestContext context, CancellationToken cancellationToken)
    {
        try
        {
            var tokens = context.Usage?.TotalTokens ?? 0;
            await ReleaseLeaseAsync(tokens, cancellationToken).ConfigureAwait(false);
            if (Interlocked.Exchange(ref _reservation, null) is { } reservation)
            {
                // Served but no usage reported (a stream cut short): charge the estimate rather than nothing.
                var actual = context.ServedBy is not { } deployment ? 0
                    : context.Usage is { } usage ? Nanos.FromUsd(CostCalculator.Compute(deployment, usage).Usd)
                    : reservation.EstimateNanos;
                await _services.Ledger.SettleAsync(reservation, actual, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _services.OnError?.Invoke(ex);
        }
    }

    private async ValueTask ReleaseLeaseAsync(long tokens, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _lease, null) is { } lease)
        {
            await _services.Limiter.CompleteAsync(lease, tokens, cancellationToken).ConfigureAwait(false);
        }
    }

    public bool AllowsModel(string model) => ModelPatterns.Allows(_key.Key.Models, model);

    private void CheckModel(string model)
    {
        if (!ModelPatterns.Allows(_key.Key.Models, model))
        {
            throw new JunctionException(GovernanceErrors.ModelNotAllowed(model));
        }
    }

    /// <summary>
    /// The reservation: prompt tokens estimated from the body size (4 bytes a token), output tokens from the request's
    /// <c>max_tokens</c> or <c>governance.default_output_tokens</c>, priced at the group's most expensive deployment.
    /// </summary>
    private long Estimate(RequestContext context, ModelGroup group)
    {
        var prompt = (int)Math.Min(int.MaxValue, (context.RequestBytes ?? 0) / 4);
        var output = context.MaxOutputTokens ?? _services.Options.DefaultOutputTokens;
        var usd = group.Deployments.Length == 0 ? 0m : group.Deployments.Max(d => CostCalculator.Estimate(d, prompt, output));
        return Nanos.FromUsd(usd);
    }

    private List<RateScope> RateScopes()
    {
        var scopes = new List<RateScope>(3);
        Add(GovernanceScopes.Key(_key.Key.Id), _key.Key.Limits);
        Add(_key.Team is { } team ? GovernanceScopes.Team(team.Id) : null, _key.Team?.Limits);
        Add(_key.User is { } user ? GovernanceScopes.User(user.Id) : null, _key.User?.Limits);
        return scopes;

        void Add(string? scope, LimitSet? limits)
        {
            if (scope is not null && limits is { HasRateLimit: true })
            {
                scopes.Add(new RateScope(scope, limits.Rpm, limits.Tpm, limits.MaxParallel));
            }
        }
    }

    private List<BudgetScope> BudgetScopes()
    {
        var scopes = new List<BudgetScope>(3);
        Add(GovernanceScopes.Key(_key.Key.Id), _key.Key.Limits);
        Add(_key.Team is { } team ? GovernanceScopes.Team(team.Id) : null, _key.Team?.Limits);
        Add(_key.User is { } user ? GovernanceScopes.User(user.Id) : null, _key.User?.Limits);
        return scopes;

        void Add(string? scope, LimitSet? limits)
        {
            if (scope is not null && limits?.BudgetUsd is { } budget)
            {
                scopes.Add(new BudgetScope(scope, Nanos.FromUsd(budget), limits.BudgetPeriod ?? BudgetPeriods.Default));
            }
        }
    }
}
