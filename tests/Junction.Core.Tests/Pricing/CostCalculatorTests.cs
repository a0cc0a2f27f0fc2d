using Junction.Configuration;
using Junction.Pricing;
using Junction.Protocol.OpenAI;
using Junction.Providers.Mock;
using Junction.Routing;
using Junction.Spend;
using Microsoft.Extensions.Time.Testing;

namespace Junction.Tests.Pricing;

public sealed class CostCalculatorTests
{
    private static Deployment Deployment(string model, DeploymentOptions? options = null) =>
        new("d/0", "public-" + model, new MockProvider(new FakeTimeProvider()), options ?? new DeploymentOptions { Provider = "mock", Model = model });

    private static Deployment Azure(string deploymentName, string? baseModel, DeploymentOptions? extra = null)
    {
        var options = extra ?? new DeploymentOptions();
        options.Provider = ProviderNames.Azure;
        options.AzureDeployment = deploymentName;
        options.BaseModel = baseModel;
        return new("az/0", deploymentName, new MockProvider(new FakeTimeProvider()), options);
    }

    private static Deployment Bedrock(string modelId) =>
        new("br/0", "claude", new MockProvider(new FakeTimeProvider()), new DeploymentOptions { Provider = ProviderNames.Bedrock, Model = modelId });

    private static Usage Tokens(int prompt, int completion, int cached = 0) => new()
    {
        PromptTokens = prompt,
        CompletionTokens = completion,
        PromptTokensDetails = cached > 0 ? new PromptTokensDetails { CachedTokens = cached } : null,
    };

    [Fact]
    public void ShippedTable_HasADateAndTheCoreModels()
    {
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", PriceTable.Shipped.TakenOn);
        foreach (var model in new[] { "gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "o3", "o4-mini", "text-embedding-3-small", "amazon.nova-pro-v1:0",
            "dall-e-3", "whisper-1", "gpt-image-1", "anthropic.claude-sonnet-4-5-20250929-v1:0" })
        {
            Assert.True(PriceTable.Shipped.TryFind(model, out _), model);
        }
    }

    [Fact]
    public void Compute_OpenAICachedTokens_ChargeTheCachedPrice()
    {
        // gpt-4o: $2.50 in, $10 out, $1.25 cached, per 1M tokens.
        var (usd, priced) = CostCalculator.Compute(Deployment("gpt-4o"), Tokens(1_000_000, 100_000, cached: 400_000));
        Assert.True(priced);
        Assert.Equal((600_000 * 2.50m + 400_000 * 1.25m + 100_000 * 10m) / 1_000_000m, usd);
    }

    [Fact]
    public void Compute_NoCachedPrice_CachedTokensCostTheInputPrice()
    {
        // meta.llama3-1-8b lists no cached price: cached tokens cost $0.22/1M like the rest of the prompt.
        var deployment = new Deployment("br/1", "llama", new MockProvider(new FakeTimeProvider()),
            new DeploymentOptions { Provider = ProviderNames.Bedrock, Model = "meta.llama3-1-8b-instruct-v1:0" });
        Assert.Equal(0.22m, CostCalculator.Compute(deployment, Tokens(1_000_000, 0, cached: 500_000)).Usd);
    }

    [Fact]
    public void Compute_ReasoningTokens_AreOutputTokens()
    {
        var usage = Tokens(1000, 5000);
        usage.CompletionTokensDetails = new CompletionTokensDetails { ReasoningTokens = 4000 };
        // o3: $2 in, $8 out: the 4000 reasoning tokens are inside completion_tokens and are not charged twice.
        Assert.Equal((1000 * 2m + 5000 * 8m) / 1_000_000m, CostCalculator.Compute(Deployment("o3"), usage).Usd);
    }

    [Fact]
    public void Compute_AzureUsesBaseModel_NotTheDeploymentName()
    {
        // Named like a model, priced like another: base_model decides.
        var (usd, priced) = CostCalculator.Compute(Azure("gpt-4o", "gpt-4o-mini"), Tokens(1_000_000, 1_000_000));
        Assert.True(priced);
        Assert.Equal(0.15m + 0.60m, usd);
    }

    [Fact]
    public void Compute_AzureWithoutBaseModel_IsUnpriced_EvenWhenTheNameLooksLikeAModel() =>
        Assert.Equal((0m, false), CostCalculator.Compute(Azure("gpt-4o", baseModel: null), Tokens(1000, 1000)));

    [Fact]
    public void Compute_AzureWithoutBaseModel_ConfigPricesApply()
    {
        var deployment = Azure("prod-chat", null, new DeploymentOptions { InputCostPer1M = 1, OutputCostPer1M = 2 });
        Assert.Equal((3m, true), CostCalculator.Compute(deployment, Tokens(1_000_000, 1_000_000)));
    }

    [Fact]
    public void Compute_BedrockProfileWithItsOwnPrice_UsesIt()
    {
        // us. geo profile of Sonnet 4.5 costs 10% more than the in-region model; global. costs the same.
        Assert.Equal(3.30m, CostCalculator.Compute(Bedrock("us.anthropic.claude-sonnet-4-5-20250929-v1:0"), Tokens(1_000_000, 0)).Usd);
        Assert.Equal(3.00m, CostCalculator.Compute(Bedrock("global.anthropic.claude-sonnet-4-5-20250929-v1:0"), Tokens(1_000_000, 0)).Usd);
        Assert.Equal(3.00m, CostCalculator.Compute(Bedrock("anthropic.claude-sonnet-4-5-20250929-v1:0"), Tokens(1_000_000, 0)).Usd);
    }

    [Fact]
    public void Compute_BedrockProfileWithoutItsOwnPrice_FallsBackToTheBaseModel()
    {
        Assert.Equal(0.80m, CostCalculator.Compute(Bedrock("apac.amazon.nova-pro-v1:0"), Tokens(1_000_000, 0)).Usd);
        Assert.Equal(0.80m, CostCalculator.Compute(Bedrock("us-gov.amazon.nova-pro-v1:0"), Tokens(1_000_000, 0)).Usd);
    }

    [Fact]
    public void Compute_ProfilePrefixOnANonBedrockDeployment_IsNotStripped() =>
        Assert.False(CostCalculator.Compute(Deployment("us.amazon.nova-pro-v1:0"), Tokens(1, 1)).Priced);

    [Theory]
    [InlineData("dall-e-3", "1024x1024", null, 2, 0.080)]
    [InlineData("dall-e-3", "1024x1792", "hd", 1, 0.120)]
    [InlineData("dall-e-3", null, "standard", 1, 0.040)]
    [InlineData("gpt-image-1", "1024x1536", "high", 1, 0.25)]
    [InlineData("gpt-image-1", "1024x1024", "auto", 3, 0.126)]
    [InlineData("dall-e-2", "256x256", null, 4, 0.064)]
    public void Compute_Images_PricedPerImageBySizeAndQuality(string model, string? size, string? quality, int images, double expected)
    {
        var (usd, priced) = CostCalculator.Compute(Deployment(model), null, new MediaUsage { Images = images, ImageSize = size, ImageQuality = quality }, PriceTable.Shipped);
        Assert.True(priced);
        Assert.Equal((decimal)expected, usd);
    }

    [Fact]
    public void Compute_Audio_PricedPerMinute()
    {
        var (usd, priced) = CostCalculator.Compute(Deployment("whisper-1"), null, new MediaUsage { AudioSeconds = 90 }, PriceTable.Shipped);
        Assert.True(priced);
        Assert.Equal(0.009m, usd);
    }

    [Fact]
    public void Compute_AudioOfUnknownLength_WithoutTokens_IsUnpriced() =>
        Assert.False(CostCalculator.Compute(Deployment("whisper-1"), null, new MediaUsage(), PriceTable.Shipped).Priced);

    [Fact]
    public void Compute_ImageModelWithoutImagePrice_IsUnpriced() =>
        Assert.False(CostCalculator.Compute(Deployment("gpt-4o"), null, new MediaUsage { Images = 1 }, PriceTable.Shipped).Priced);

    [Fact]
    public void Compute_ConfigOverrides_WinOverTheTable()
    {
        var overridden = Deployment("gpt-4o", new DeploymentOptions { Provider = "mock", Model = "gpt-4o", OutputCostPer1M = 20, CachedInputCostPer1M = 0.5 });
        Assert.Equal(2.50m * 0.5m + 0.5m * 0.5m + 20m, CostCalculator.Compute(overridden, Tokens(1_000_000, 1_000_000, cached: 500_000)).Usd);
        var images = Deployment("my-sdxl", new DeploymentOptions { Provider = "mock", Model = "my-sdxl", CostPerImage = 0.5 });
        Assert.Equal((1.5m, true), CostCalculator.Compute(images, null, new MediaUsage { Images = 3 }, PriceTable.Shipped));
        var audio = Deployment("my-whisper", new DeploymentOptions { Provider = "mock", Model = "my-whisper", AudioCostPerMinute = 0.01 });
        Assert.Equal((0.02m, true), CostCalculator.Compute(audio, null, new MediaUsage { AudioSeconds = 120 }, PriceTable.Shipped));
    }

    [Fact]
    public void Compute_UnknownModel_IsFreeAndNotPriced() =>
        Assert.Equal((0m, false), CostCalculator.Compute(Deployment("my-local-llama"), Tokens(10, 10)));

    [Fact]
    public void Estimator_UnknownModel_ReturnsNullAndLogsOnce()
    {
        var logs = new List<string>();
        var estimator = new PriceCostEstimator(new ListLogger(logs));
        Assert.Null(estimator.EstimateCost(Deployment("my-local-llama"), Tokens(1, 1)));
        Assert.Null(estimator.EstimateCost(Deployment("my-local-llama"), Tokens(1, 1)));
        Assert.Single(logs);
        Assert.Contains("my-local-llama", logs[0], StringComparison.Ordinal);
        Assert.Equal(0.0000125m, estimator.EstimateCost(Deployment("gpt-4o"), Tokens(1, 1)));
    }

    private sealed class ListLogger(List<string> lines) : Microsoft.Extensions.Logging.ILogger<PriceCostEstimator>
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter) => lines.Add(formatter(state, exception));
    }
}
