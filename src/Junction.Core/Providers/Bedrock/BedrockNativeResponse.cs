namespace Junction.Providers.Bedrock;

/// <summary>A Bedrock answer passed through as it came: the body bytes, its content type, the request id and the InvokeModel token counts.</summary>
internal sealed record BedrockNativeResponse(byte[] Body, string ContentType, string? RequestId, int? InputTokens, int? OutputTokens);
