namespace Junction.Migration;

/// <summary>The values of <c>shadow.compare</c>.</summary>
public static class ShadowCompareNames
{
    public const string Latency = "latency";
    public const string Errors = "errors";
    public const string Usage = "usage";
    public const string Cost = "cost";
    public const string Text = "text";
    public const string Json = "json";
    public const string ToolCalls = "tool_calls";

    public static readonly IReadOnlyList<string> All = [Latency, Errors, Usage, Cost, Text, Json, ToolCalls];
}
