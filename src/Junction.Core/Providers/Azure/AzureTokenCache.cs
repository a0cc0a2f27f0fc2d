using Azure.Core;

namespace Junction.Providers.Azure;

/// <summary>
/// One cached Microsoft Entra token for one scope. The token is reused until it is within <see cref="RefreshMargin"/> of
/// expiry (or past the credential's own <c>RefreshOn</c>), then fetched again by exactly one caller while the others
/// wait. If a refresh fails while the old token is still valid, the old token is used.
/// </summary>
internal sealed class AzureTokenCache : IDisposable
{
    /// <summary>How long before expiry a token is replaced.</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly TokenCredential _credential;
    private readonly TokenRequestContext _request;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private CachedToken? _token;

    public AzureTokenCache(TokenCredential credential, string scope, TimeProvider timeProvider)
    {
        _credential = credential;
        _request = new TokenRequestContext([scope]);
        _timeProvider = timeProvider;
    }

    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (Current() is { } fresh)
        {
            return fresh;
        }

        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Current() is { } refreshed)
            {
                return refreshed;
            }

            try
            {
                var token = await _credential.GetTokenAsync(_request, cancellationToken).ConfigureAwait(false);
                var refreshAt = token.RefreshOn is { } refreshOn && refreshOn < token.ExpiresOn ? refreshOn : token.ExpiresOn - RefreshMargin;
                Volatile.Write(ref _token, new CachedToken(token.Token, refreshAt, token.ExpiresOn));
                return token.Token;
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested && Volatile.Read(ref _token) is { } old && old.ExpiresOn > _timeProvider.GetUtcNow())
            {
                return old.Value;
            }
        }
        finally
        {
            _refresh.Release();
        }
    }

    private string? Current() =>
        Volatile.Read(ref _token) is { } token && _timeProvider.GetUtcNow() < token.RefreshAt ? token.Value : null;

    public void Dispose() => _refresh.Dispose();

    private sealed record CachedToken(string Value, DateTimeOffset RefreshAt, DateTimeOffset ExpiresOn);
}
