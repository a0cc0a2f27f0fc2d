using Amazon.Runtime.Credentials;
using Junction.Resilience;

namespace Junction.Providers.Bedrock;

/// <summary>
/// Credentials from AWSSDK.Core's default chain (environment, shared profile, SSO, web identity, ECS, EC2 metadata),
/// resolved on first use, cached, and resolved again <see cref="RefreshBefore"/> before they expire. Credentials with
/// no expiry (long-term keys) are looked up again every <see cref="RecheckInterval"/>, so a rotated profile is picked up.
/// One instance per provider; concurrent callers share one resolution.
/// </summary>
internal sealed class AwsDefaultCredentials
{
    public static readonly TimeSpan RefreshBefore = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan RecheckInterval = TimeSpan.FromMinutes(15);

    private readonly Func<CancellationToken, Task<AwsCredentials>> _resolve;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Cached? _cached;

    /// <param name="timeProvider">The clock that decides freshness.</param>
    /// <param name="resolve">Where credentials come from; null means AWSSDK.Core's default chain.</param>
    public AwsDefaultCredentials(TimeProvider timeProvider, Func<CancellationToken, Task<AwsCredentials>>? resolve = null)
    {
        _timeProvider = timeProvider;
        _resolve = resolve ?? CreateSdkResolver();
    }

    public async ValueTask<AwsCredentials> GetAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _cached) is { } cached && cached.IsFresh(_timeProvider.GetUtcNow()))
        {
            return cached.Credentials;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _timeProvider.GetUtcNow();
            if (_cached is { } again && again.IsFresh(now))
            {
                return again.Credentials;
            }

            AwsCredentials credentials;
            try
            {
                credentials = await _resolve(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                throw new JunctionException(Unavailable(), ex);
            }

            var refreshAt = credentials.Expiration is { } expiry ? expiry - RefreshBefore : now + RecheckInterval;
            Volatile.Write(ref _cached, new Cached(credentials, refreshAt));
            return credentials;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static JunctionError Unavailable() =>
        new(502, JunctionErrorKind.Authentication, "upstream_error",
            "No AWS credentials were found for a Bedrock deployment: set access_key_id and secret_access_key (or api_key) on it, " +
            "or provide credentials through the AWS default chain (environment, shared profile, SSO, web identity, ECS or EC2 role).")
        { Code = "aws_credentials_unavailable", Provider = BedrockErrorMapper.ProviderName };

    private static Func<CancellationToken, Task<AwsCredentials>> CreateSdkResolver()
    {
        var resolver = new DefaultAWSCredentialsIdentityResolver();
        return async cancellationToken =>
        {
            var identity = await resolver.ResolveIdentityAsync(null, cancellationToken).ConfigureAwait(false);
            var immutable = await identity.GetCredentialsAsync().ConfigureAwait(false);
            DateTimeOffset? expiration = identity.Expiration is { } e ? new DateTimeOffset(DateTime.SpecifyKind(e, DateTimeKind.Utc)) : null;
            return new AwsCredentials(immutable.AccessKey, immutable.SecretKey, immutable.UseToken ? immutable.Token : null, expiration);
        };
    }

    private sealed record Cached(AwsCredentials Credentials, DateTimeOffset RefreshAt)
    {
        public bool IsFresh(DateTimeOffset now) => now < RefreshAt;
    }
}
