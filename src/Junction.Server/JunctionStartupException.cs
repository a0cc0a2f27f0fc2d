namespace Junction.Server;

/// <summary>A configuration or environment problem that stops the server from starting; its message is for a person.</summary>
public sealed class JunctionStartupException : Exception
{
    public JunctionStartupException(string message)
        : base(message)
    {
    }
}
