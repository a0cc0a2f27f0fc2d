using System.CommandLine;

namespace Junction.Cli.Commands;

/// <summary><c>junction shadow report --model gpt-4o --since 24h</c>: the shadow comparison report from a running gateway.</summary>
internal static class ShadowCommand
{
    public static Command Create()
    {
        var connection = new GatewayConnection();
        var model = new Option<string>("--model") { Description = "The public model whose shadow to report on.", Required = true };
        var since = new Option<string>("--since") { Description = "The window: 30m, 24h, 7d.", DefaultValueFactory = _ => "24h" };
        var json = new Option<bool>("--json") { Description = "Print the raw JSON report." };
        var report = new Command("report", "Compare a model with its shadow over a time window.") { model, since, json };
        connection.AddTo(report);
        report.SetAction(async (parse, cancellationToken) =>
        {
            using var doc = await connection.SendAsync(parse, HttpMethod.Get,
                $"/admin/shadow/report?model={Uri.EscapeDataString(parse.GetValue(model)!)}&since={Uri.EscapeDataString(parse.GetValue(since)!)}", cancellationToken);
            if (doc is null)
            {
                return 1;
            }

            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                output.WriteLine(doc.RootElement.GetRawText());
            }
            else
            {
                ReportPrinter.Print(output, doc.RootElement);
            }

            return 0;
        });

        return new Command("shadow", "Shadow traffic.") { report };
    }
}
