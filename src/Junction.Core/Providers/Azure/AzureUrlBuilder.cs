using Junction.Configuration;

namespace Junction.Providers.Azure;

/// <summary>
/// Pure construction of Azure OpenAI URLs. Dated api-versions use
/// <c>{endpoint}/openai/deployments/{deployment}/{operation}?api-version={version}</c>; <c>v1</c> uses
/// <c>{endpoint}/openai/v1/{operation}</c> and <c>preview</c> the same with <c>?api-version=preview</c>.
/// An endpoint that already ends in <c>/openai</c> or <c>/openai/v1</c> is accepted as well.
/// </summary>
internal static class AzureUrlBuilder
{
    public static Uri Build(string endpoint, string deployment, string apiVersion, string operation)
    {
        var root = Root(endpoint);
        if (AzureApiVersion.IsV1(apiVersion))
        {
            var query = apiVersion == AzureApiVersion.Preview ? "?api-version=preview" : "";
            return new Uri($"{root}/openai/v1/{operation}{query}", UriKind.Absolute);
        }

        return new Uri(
            $"{root}/openai/deployments/{Uri.EscapeDataString(deployment)}/{operation}?api-version={Uri.EscapeDataString(apiVersion)}",
            UriKind.Absolute);
    }

    /// <summary>The endpoint without a trailing slash, <c>/openai</c> or <c>/openai/v1</c>, and without query or fragment.</summary>
    internal static string Root(string endpoint)
    {
        var uri = new Uri(endpoint, UriKind.Absolute);
        var root = uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        foreach (var suffix in (ReadOnlySpan<string>)["/openai/v1", "/openai"])
        {
            if (root.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return root[..^suffix.Length];
            }
        }

        return root;
    }
}
