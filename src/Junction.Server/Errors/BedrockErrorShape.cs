namespace Junction.Server.Errors;

/// <summary>Endpoint metadata: errors on this endpoint (the key check included) are written by <see cref="BedrockErrorWriter"/>.</summary>
internal sealed class BedrockErrorShape
{
    public static readonly BedrockErrorShape Instance = new();
}
