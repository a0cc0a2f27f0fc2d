using System.Text.Json;
using Junction.Protocol.OpenAI;
using Junction.Providers.Mock;

namespace Junction.Tests.Providers.Mock;

public class MockResponderTests
{
    private static ChatCompletionRequest Parse(string json) => JsonSerializer.Deserialize(json, OpenAIJsonContext.Wire.ChatCompletionRequest)!;

    [Fact]
    public void Complete_IsDeterministicAndCountsUsage()
    {
        var request = Parse("""{"model":"demo","messages":[{"role":"system","content":"be brief"},{"role":"user","content":"hello"}]}""");
        var a = MockResponder.Complete(request, "id", 1, "demo");
        var b = MockResponder.Complete(request, "id", 1, "demo");
        Assert.Equal(a.Choices[0].Message.Content, b.Choices[0].Message.Content);
        Assert.Equal("This is Junction's mock provider. You said: hello", a.Choices[0].Message.Content);
        Assert.Equal(a.Usage!.PromptTokens + a.Usage.CompletionTokens, a.Usage.TotalTokens);
    }

    [Fact]
    public void Stream_PiecesConcatenateToTheCompleteText_AndEndWithUsageOnlyChunk()
    {
        var request = Parse("""{"model":"demo","messages":[{"role":"user","content":"a b c"}]}""");
        var chunks = MockResponder.Stream(request, "id", 1, "demo").ToList();
        var text = string.Concat(chunks.Where(c => c.Choices.Count > 0).Select(c => c.Choices[0].Delta.Content));
        Assert.Equal(MockResponder.Complete(request, "id", 1, "demo").Choices[0].Message.Content, text);
        Assert.Equal("assistant", chunks[0].Choices[0].Delta.Role);
        Assert.True(chunks[^1].IsUsageOnly);
        Assert.Equal("stop", chunks[^2].Choices[0].FinishReason);
    }

    [Fact]
    public void Complete_ForcedTool_ReturnsToolCall()
    {
        var request = Parse("""{"model":"demo","messages":[{"role":"user","content":"x"}],"tools":[{"type":"function","function":{"name":"get_weather"}}],"tool_choice":"required"}""");
        var response = MockResponder.Complete(request, "id", 1, "demo");
        Assert.Null(response.Choices[0].Message.Content);
        Assert.Equal("get_weather", response.Choices[0].Message.ToolCalls![0].Function!.Name);
        Assert.Equal("tool_calls", response.Choices[0].FinishReason);
    }

    [Fact]
    public void Embed_SameTextSameUnitVector_Base64RoundTrips()
    {
        var floats = MockResponder.Embed(["x", "x"], 8, base64: false, "e");
        var b64 = MockResponder.Embed(["x"], 8, base64: true, "e");
        Assert.Equal(floats.Data[0].Embedding.Floats, floats.Data[1].Embedding.Floats);
        Assert.Equal(floats.Data[0].Embedding.Floats, b64.Data[0].Embedding.ToFloats());
        Assert.Equal(1.0, Math.Sqrt(floats.Data[0].Embedding.Floats!.Sum(f => (double)f * f)), 3);
    }
}
