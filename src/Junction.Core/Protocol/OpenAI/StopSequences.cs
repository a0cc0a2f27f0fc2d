using System.Text.Json.Serialization;

namespace Junction.Protocol.OpenAI;

/// <summary><c>stop</c>: one string or an array of strings; written back in the form it came in.</summary>
[JsonConverter(typeof(StopSequencesConverter))]
public sealed class StopSequences
{
    public StopSequences(IReadOnlyList<string> values, bool wasSingle)
    {
        Values = values;
        WasSingle = wasSingle;
    }

    public IReadOnlyList<string> Values { get; }

    /// <summary>True when the client sent a single string rather than an array.</summary>
    public bool WasSingle { get; }
}
