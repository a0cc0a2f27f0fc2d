namespace Junction.Providers.Bedrock;

/// <summary>IAM credentials for SigV4. <see cref="ToString"/> never prints the secret key or the session token.</summary>
internal sealed record AwsCredentials(
    string AccessKeyId,
    string SecretAccessKey,
    string? SessionToken = null,
    DateTimeOffset? Expiration = null)
{
    public override string ToString() =>
        $"AwsCredentials {{ AccessKeyId = {AccessKeyId}, SecretAccessKey = ***, SessionToken = {(SessionToken is null ? "(none)" : "***")}, Expiration = {Expiration?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"} }}";
}
