using Junction.Protocol.OpenAI;

namespace Junction.Storage;

/// <summary>The outputs of a shadow pair, stored (as JSON in <c>shadow_pairs.content</c>) only with <c>logging.store_content</c>.</summary>
internal sealed record ShadowContent(string? PrimaryText, IReadOnlyList<ToolCall>? PrimaryToolCalls, string? ShadowText, IReadOnlyList<ToolCall>? ShadowToolCalls);
