using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Junction.TestKit.Tests.OpenAI;

/// <summary>Small client helpers for talking to the fake with a plain <see cref="HttpClient"/>.</summary>
internal static class FakeHttp
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static HttpRequestMessage Post(Uri baseUrl, string path, string json, string? apiKey = "sk-test")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl + path))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return request;
    }

    public static async Task<(HttpResponseMessage Response, JsonElement Json)> PostJsonAsync(HttpClient http, Uri baseUrl, string path, string json)
    {
        HttpResponseMessage response = await http.SendAsync(Post(baseUrl, path, json), Ct);
        return (response, await ReadJsonAsync(response));
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        string text = await response.Content.ReadAsStringAsync(Ct);
        using JsonDocument document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>The raw stream split into events; each must be <c>data: ...</c> followed by a blank line.</summary>
    public static async Task<List<string>> ReadEventsAsync(HttpResponseMessage response)
    {
        string raw = await response.Content.ReadAsStringAsync(Ct);
        Assert.EndsWith("\n\n", raw, StringComparison.Ordinal);
        var events = new List<string>();
        foreach (string frame in raw[..^2].Split("\n\n"))
        {
            Assert.StartsWith("data: ", frame, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', frame);
            events.Add(frame["data: ".Length..]);
        }

        return events;
    }

    public static JsonElement Parse(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public static string Chat(string user, string extra = "") =>
        $$"""{"model":"gpt-4o-mini","messages":[{"role":"system","content":"be brief"},{"role":"user","content":"{{user}}"}]{{extra}}}""";
}
