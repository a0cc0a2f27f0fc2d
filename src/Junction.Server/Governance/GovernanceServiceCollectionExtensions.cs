using Junction.Configuration;
using Junction.Server.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace Junction.Server.Governance;

/// <summary>Registers virtual keys, limits, budgets and the admin API's services.</summary>
internal static class GovernanceServiceCollectionExtensions
{
    public static IServiceCollection AddJunctionGovernance(this IServiceCollection services, JunctionOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<GovernanceAccessor>();
        services.AddSingleton<FailedAuthThrottle>();
        services.AddHostedService<GovernanceStartup>();
        return services;
    }
}
