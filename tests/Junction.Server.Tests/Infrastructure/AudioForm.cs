using System.Net.Http.Headers;

namespace Junction.Server.Tests.Infrastructure;

/// <summary>The multipart form an SDK sends for audio: text fields, then the file as <c>speech.wav</c>.</summary>
public static class AudioForm
{
    public static MultipartFormDataContent Create(byte[] audio, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        var file = new ByteArrayContent(audio);
        file.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        form.Add(file, "file", "speech.wav");
        return form;
    }
}
