namespace Junction.RateLimiting;

/// <summary>The rate limits of one owner (<c>key:ID</c>, <c>team:ID</c>, <c>user:ID</c>); null members do not limit.</summary>
public sealed record RateScope(string Scope, int? Rpm, int? Tpm, int? MaxParallel);
