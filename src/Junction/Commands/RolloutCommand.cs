using System.CommandLine;
using System.Text.Json;

namespace Junction.Cli.Commands;

/// <summary><c>junction rollout status|pause|resume|promote|rollback --model gpt-4o</c>, through a running gateway's admin API.</summary>
internal static class RolloutCommand
{
    public static Command Create()
    {
        var rollout = new Command("rollout", "Percentage rollouts: see them, pause, resume, promote or roll back.");
        var status = new Command("status", "Show every rollout: step, percent, status and both sides' figures.");
        var statusModel = new Option<string?>("--model") { Description = "Only this model." };
        status.Options.Add(statusModel);
        var statusConnection = new GatewayConnection();
        statusConnection.AddTo(status);
        status.SetAction(async (parse, cancellationToken) =>
        {
            using var doc = await statusConnection.SendAsync(parse, HttpMethod.Get, "/admin/rollouts", cancellationToken);
            if (doc is null)
            {
                return 1;
            }

            var only = parse.GetValue(statusModel);
            foreach (var item in doc.RootElement.GetProperty("rollouts").EnumerateArray())
            {
                if (only is null || item.GetProperty("model").GetString() == only)
                {
                    Print(parse.InvocationConfiguration.Output, item);
                }
            }

            return 0;
        });
        rollout.Subcommands.Add(status);

        foreach (var action in new[] { "pause", "resume", "promote", "rollback" })
        {
            var command = new Command(action, $"{char.ToUpperInvariant(action[0])}{action[1..]} a model's rollout (written to the audit log).");
            var model = new Option<string>("--model") { Description = "The public model.", Required = true };
            command.Options.Add(model);
            var connection = new GatewayConnection();
            connection.AddTo(command);
            command.SetAction(async (parse, cancellationToken) =>
            {
                using var doc = await connection.SendAsync(parse, HttpMethod.Post,
                    $"/admin/rollouts/{Uri.EscapeDataString(parse.GetValue(model)!)}/{action}", cancellationToken);
                if (doc is null)
                {
                    return 1;
                }

                parse.InvocationConfiguration.Output.WriteLine(doc.RootElement.GetProperty("reason").GetString());
                Print(parse.InvocationConfiguration.Output, doc.RootElement.GetProperty("rollout"));
                return 0;
            });
            rollout.Subcommands.Add(command);
        }

        return rollout;
    }

    private static void Print(TextWriter output, JsonElement item)
    {
        var old = item.GetProperty("old");
        var @new = item.GetProperty("new");
        output.WriteLine($"{item.GetProperty("model").GetString()} -> {item.GetProperty("to").GetString()}: {item.GetProperty("status").GetString()} at " +
            $"{item.GetProperty("percent").GetDouble()}% (step {item.GetProperty("step").GetInt32() + 1} of {item.GetProperty("steps").GetArrayLength()})");
        output.WriteLine($"  old side: {old.GetProperty("requests").GetInt64()} requests, error rate {old.GetProperty("error_rate").GetDouble():P1}; " +
            $"new side: {@new.GetProperty("requests").GetInt64()} requests, error rate {@new.GetProperty("error_rate").GetDouble():P1}");
        if (item.TryGetProperty("reason", out var reason))
        {
            output.WriteLine($"  last change: {reason.GetString()}");
        }
    }
}
