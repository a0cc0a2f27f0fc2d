using Junction.TestKit.Azure;
using Junction.TestKit.OpenAI;
using Microsoft.Extensions.AI;

namespace Junction.Extensions.AI.Tests;

/// <summary>A model built in code with an Azure and an OpenAI deployment: Azure throttles, OpenAI answers, in process.</summary>
public sealed class CrossProviderFallbackTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BuiltInCode_AzureRateLimited_OpenAIDeploymentAnswers()
    {
        await using var azure = await FakeAzureOpenAIUpstream.StartAsync("azure-key-0123456789", "gpt4o-prod");
        await using var openai = await FakeOpenAIUpstream.StartAsync(new FakeOpenAIOptions { ExpectedApiKey = "sk-openai-0123456789" }, Ct);
        azure.Enqueue(FakeAzureFailure.RateLimited(100));

        using var runtime = new JunctionBuilder()
            .AddModel("gpt-4o", m => m
                .Azure(azure.Endpoint, "gpt4o-prod", apiKey: "azure-key-0123456789", configure: d => d.Priority = 0)
                .OpenAI("gpt-4o", apiKey: "sk-openai-0123456789", baseUrl: openai.BaseUrl.ToString(), configure: d => d.Priority = 1)
                .Routing(r =>
                {
                    r.Strategy = "priority";
                    r.Retries = 1;
                }))
            .Build();

        var response = await runtime.AsChatClient("gpt-4o").GetResponseAsync("hello", cancellationToken: Ct);

        Assert.Equal("echo: hello", response.Text);
        Assert.Equal("openai", response.AdditionalProperties![JunctionPropertyNames.Provider]);
        Assert.Equal(2, response.AdditionalProperties[JunctionPropertyNames.Attempts]);
        Assert.Single(azure.Calls);
        Assert.Single(openai.Requests);
    }
}
