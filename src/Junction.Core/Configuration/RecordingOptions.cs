namespace Junction.Configuration;

/// <summary>A model's <c>recording</c> block: write a redacted sample of its requests and answers to a JSON Lines file for replay.</summary>
public sealed class RecordingOptions
{
    /// <summary>The fraction of requests recorded, 0..1 (<c>sample</c>).</summary>
    public double Sample { get; set; } = 0.01;

    /// <summary>The JSON Lines file, appended to; relative paths are relative to the working directory (<c>file</c>).</summary>
    public string File { get; set; } = "";

    /// <summary>Redaction rules (<c>redact</c>): emails, keys, digits.</summary>
    public List<string> Redact { get; set; } = ["emails", "keys"];

    internal static RecordingOptions Read(ConfigMap map)
    {
        var options = new RecordingOptions { File = map.String("file") ?? "" };
        options.Sample = map.Double("sample") ?? options.Sample;
        if (map.Has("redact"))
        {
            options.Redact = [.. map.StringList("redact")];
        }

        return options;
    }
}
