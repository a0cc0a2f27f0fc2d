
namespace Junction.Providers.Bedrock;

/// <summary>One Converse message: role <c>user</c> or <c>assistant</c> and its content blocks.</summary>
internal sealed class ConverseMessage
{
    public string Role { get; set; } = "";

    public List<ContentBlock> Content { get; set; } = [];
}
