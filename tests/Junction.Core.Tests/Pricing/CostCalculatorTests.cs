using Junction.Configuration;
using Junction.Pricing;
using Junction.Protocol.OpenAI;
using Junction.Providers.Mock;
using Junction.Routing;
using Microsoft.Extensions.Time.Testing;

namespace Junction.Tests.Pricing;

public sealed class CostCalculatorTests
{
    private static Deployment Deployment(string model, DeploymentOptions? options = null) =>
        new("d/0", "public-" + model, new MockProvider(new FakeTimeProvider()), options ?? new DeploymentOptions { Provider = "mock", Model = model });

    [Fact]
    public void ShippedTable_HasADateAndTheCoreModels()
    {
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", PriceTable.Shipped.AsOf);
        foreach (var model in new[] { "gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "o3", "o4-mini", "text-embedding-3-small", "amazon.nova-pro-v1:0" })
        {
            Assert.True(PriceTable.Shipped.TryFind(model, out _), model);
        }
    }

    [Fact]
    public void Compute_ChargesCachedInputAtItsOwnPrice()
    {
        // gpt-4o: $2.50 in, $10 out, $1.25 cached, per 1M tokens.
        var usage = new Usage { PromptTokens = 1_000_000, CompletionTokens = 100_000, PromptTokensDetails = new PromptTokensDetails { CachedTokens = 400_000 } };
        var (usd, priced) = CostCalculator.Compute(Deployment("gpt-4o"), usage);
        Assert.True(priced);
        Assert.Equal((600_000 * 2.50m + 400_000 * 1.25m + 100_000 * 10m) / 1_000_000m, usd);
    }

    [Fact]
    public void Compute_ConfigOverridesWin_AndBedrockRegionPrefixIsIgnored()
    {
        var overridden = Deployment("gpt-4o", new DeploymentOptions { Provider = "mock", Model = "gpt-4o", OutputCostPer1M = 20 });
        Assert.Equal(2.50m + 20m, CostCalculator.Compute(overridden, new Usage { PromptTokens = 1_000_000, CompletionTokens = 1_000_000 }).Usd);
        Assert.True(CostCalculator.Compute(Deployment("us.anthropic.claude-3-5-sonnet-20241022-v2:0"), new Usage { PromptTokens = 1 }).Priced);
    }

    [Fact]
    public void Compute_UnknownModel_IsFreeAndNotPriced() =>
        Assert.Equal((0m, false), CostCalculator.Compute(Deployment("my-local-llama"), new Usage { PromptTokens = 10, CompletionTokens = 10 }));
}
