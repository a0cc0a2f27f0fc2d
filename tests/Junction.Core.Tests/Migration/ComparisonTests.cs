using System.Text.Json;
using Junction.Migration;
using Junction.Protocol.OpenAI;

namespace Junction.Tests.Migration;

public class ComparisonTests
{
    [Theory]
    [InlineData("The capital of France is Paris.", "the capital of france is   Paris", 1.0)]
    [InlineData("Paris is the capital.", "Paris is the capital city.", 0.8)]
    [InlineData("yes", "no", 0.0)]
    [InlineData("", "", 1.0)]
    public void TextSimilarity_Score_IgnoresCaseSpacingAndEdgePunctuation(string a, string b, double expected) =>
        Assert.Equal(expected, TextSimilarity.Score(a, b), 2);

    [Fact]
    public void TextSimilarity_ExactMatch_IsStrict()
    {
        Assert.True(TextSimilarity.ExactMatch("a b", "a b"));
        Assert.False(TextSimilarity.ExactMatch("a b", "a  b"));
    }

    [Theory]
    [InlineData("""{"city":"Paris","temp":21}""", """{"temp":3.5,"city":"Oslo"}""", true)]
    [InlineData("""{"city":"Paris"}""", """{"city":"Paris","extra":1}""", false)]
    [InlineData("""{"n":1}""", """{"n":"1"}""", false)]
    [InlineData("""{"tags":["a","b"]}""", """{"tags":[]}""", true)]
    [InlineData("""{"items":[{"a":1}]}""", """{"items":[{"b":1}]}""", false)]
    [InlineData("""{"ok":true}""", """{"ok":false}""", true)]
    public void JsonStructure_SameStructure_ComparesKeysAndKinds(string a, string b, bool expected)
    {
        Assert.True(JsonStructure.TryParse(a, out var left));
        Assert.True(JsonStructure.TryParse(b, out var right));
        Assert.Equal(expected, JsonStructure.SameStructure(left, right));
    }

    [Fact]
    public void JsonStructure_TryParse_RejectsProseAndEmpty()
    {
        Assert.False(JsonStructure.TryParse("Sure! Here is the JSON: {", out _));
        Assert.False(JsonStructure.TryParse("", out _));
    }

    private static ToolCall Call(string name, string args, string id = "x") =>
        new() { Id = id, Type = "function", Function = new FunctionCall { Name = name, Arguments = args } };

    [Fact]
    public void ToolCalls_Equivalent_IgnoresIdsOrderKeyOrderAndNumberSpelling()
    {
        var a = new[] { Call("get_weather", """{"city":"Paris","days":1}""", "call_1"), Call("lookup", """{"q":"x"}""", "call_2") };
        var b = new[] { Call("lookup", """{ "q": "x" }""", "tooluse_9"), Call("get_weather", """{"days":1.0,"city":"Paris"}""", "tooluse_8") };
        Assert.True(ToolCallComparison.Equivalent(a, b));
    }

    [Fact]
    public void ToolCalls_DifferentArgumentsOrNames_AreNotEquivalent()
    {
        Assert.False(ToolCallComparison.Equivalent([Call("f", """{"a":1}""")], [Call("f", """{"a":2}""")]));
        Assert.False(ToolCallComparison.Equivalent([Call("f", "{}")], [Call("g", "{}")]));
        Assert.False(ToolCallComparison.Equivalent([Call("f", "{}")], [Call("f", "{}"), Call("f", "{}")]));
        Assert.True(ToolCallComparison.Equivalent(null, []));
    }

    [Fact]
    public void StickySplit_IsStable_AndCloseToThePercentage()
    {
        Assert.Equal(StickySplit.Bucket("key_123", "gpt-4o"), StickySplit.Bucket("key_123", "gpt-4o"));
        var onNew = Enumerable.Range(0, 20_000).Count(i => StickySplit.ToNewSide($"user-{i}", "gpt-4o", 25));
        Assert.InRange(onNew / 20_000.0, 0.235, 0.265);
    }

    [Fact]
    public void StickySplit_GrowingPercentage_OnlyMovesCallersToTheNewSide()
    {
        var at5 = Enumerable.Range(0, 2000).Where(i => StickySplit.ToNewSide($"k{i}", "m", 5)).ToHashSet();
        var at25 = Enumerable.Range(0, 2000).Where(i => StickySplit.ToNewSide($"k{i}", "m", 25)).ToHashSet();
        Assert.Subset(at25, at5);
        Assert.False(StickySplit.ToNewSide("anyone", "m", 0));
        Assert.True(StickySplit.ToNewSide("anyone", "m", 100));
    }

    [Fact]
    public void CanonicalJson_SortsKeys()
    {
        using var doc = JsonDocument.Parse(ToolCallComparison.CanonicalJson("""{"b":1,"a":{"d":2,"c":[1,2]}}"""));
        Assert.Equal("""{"a":{"c":[1,2],"d":2},"b":1}""", doc.RootElement.GetRawText());
    }
}
