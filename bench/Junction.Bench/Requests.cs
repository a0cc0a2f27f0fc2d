using System.Text;

namespace Junction.Bench;

/// <summary>The request bodies: what an OpenAI SDK sends for a short multi-turn chat, with a temperature.</summary>
internal static class Requests
{
    public static byte[] Chat(string model, bool stream) => Encoding.UTF8.GetBytes(
        $$"""{"messages":[{"role":"system","content":"You are a helpful assistant. Answer briefly."},{"role":"user","content":"What is the capital of France?"},{"role":"assistant","content":"Paris."},{"role":"user","content":"And of Italy? One word, please."}],"model":"{{model}}","temperature":0.7{{(stream ? ""","stream":true""" : "")}}}""");

    public static Uri ChatUrl(Uri origin) => new(origin, "/v1/chat/completions");
}
