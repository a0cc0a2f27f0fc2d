namespace Junction.Resilience;

/// <summary>Carries a <see cref="JunctionError"/> across async boundaries where a value cannot be returned (streams, edges).</summary>
public sealed class JunctionException : Exception
{
    public JunctionException(JunctionError error)
        : base(error.Message) => Error = error;

    public JunctionException(JunctionError error, Exception innerException)
        : base(error.Message, innerException) => Error = error;

    public JunctionError Error { get; }
}
