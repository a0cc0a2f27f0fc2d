namespace Junction.Configuration;

/// <summary>
/// Azure OpenAI api-versions: a date <c>YYYY-MM-DD</c> with an optional <c>-preview</c> (the deployment-style paths),
/// or <c>v1</c> / <c>preview</c> (the <c>/openai/v1</c> paths). Used by config validation and by the Azure-shaped inbound surface.
/// </summary>
public static class AzureApiVersion
{
    public const string V1 = "v1";
    public const string Preview = "preview";

    /// <summary>Whether <paramref name="value"/> is <c>v1</c>, <c>preview</c> or a well-formed dated version.</summary>
    public static bool IsValid(string? value) => value is V1 or Preview || IsDated(value);

    /// <summary>Whether the version selects the v1 API (<c>/openai/v1/...</c>, <c>model</c> in the body).</summary>
    public static bool IsV1(string value) => value is V1 or Preview;

    /// <summary><c>YYYY-MM-DD</c> or <c>YYYY-MM-DD-preview</c> with a real calendar date.</summary>
    public static bool IsDated(string? value)
    {
        if (value is null || (value.Length != 10 && value.Length != 18))
        {
            return false;
        }

        if (value.Length == 18 && !value.EndsWith("-preview", StringComparison.Ordinal))
        {
            return false;
        }

        return DateOnly.TryParseExact(value.AsSpan(0, 10), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out _);
    }
}
