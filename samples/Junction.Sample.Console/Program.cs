using Junction;
using Junction.Extensions.AI;
using Microsoft.Extensions.AI;

// The same router the proxy runs, in process: load the YAML, get an IChatClient for a public model.
using JunctionRuntime junction = new JunctionBuilder()
    .LoadConfig(Path.Combine(AppContext.BaseDirectory, "junction.yaml"))
    .Build();
IChatClient chat = junction.AsChatClient("assistant");

ChatResponse answer = await chat.GetResponseAsync("What is Junction?");
Console.WriteLine($"answer:   {answer.Text}");
Console.WriteLine($"  served by {answer.AdditionalProperties?[JunctionPropertyNames.Deployment]}, " +
    $"{answer.Usage?.InputTokenCount} in / {answer.Usage?.OutputTokenCount} out tokens");

Console.Write("streamed: ");
await foreach (ChatResponseUpdate update in chat.GetStreamingResponseAsync("Stream a short answer, please."))
{
    Console.Write(update.Text);
}

Console.WriteLine();
