using Junction.Spend;

namespace Junction.Server.Spend;

/// <summary>The spend store and writer, when storage and the spend log are on; both null otherwise.</summary>
internal sealed class SpendAccessor
{
    public ISpendStore? Store { get; init; }

    public SpendLogWriter? Writer { get; init; }
}
