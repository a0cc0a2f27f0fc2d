using System.CommandLine;
using System.Text.Json;
using Junction.Migration;
using Junction.Server.Migration;

namespace Junction.Cli.Commands;

/// <summary>
/// <c>junction replay --file recordings/gpt-4o.jsonl --against gpt-4o --against claude-sonnet --concurrency 4</c>: replays
/// recorded requests through the same router as the gateway (in-process, from the config file) against two models and
/// prints the same comparison report as shadow traffic.
/// </summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var config = ConfigFileLoader.CreateOption();
        var file = new Option<string>("--file") { Description = "A recording file (JSON Lines).", Required = true };
        var against = new Option<string[]>("--against")
        {
            Description = "A public model to replay against; give exactly two (the first plays the primary).",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var concurrency = new Option<int>("--concurrency") { Description = "Requests in flight at once.", DefaultValueFactory = _ => 4 };
        var json = new Option<bool>("--json") { Description = "Print the raw JSON report." };
        var replay = new Command("replay", "Replay recorded requests against two models and compare the answers.") { config, file, against, concurrency, json };
        replay.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var targets = parse.GetValue(against)!;
            if (targets.Length != 2)
            {
                error.WriteLine("junction: give --against exactly twice: the current model, then the candidate.");
                return 1;
            }

            var options = ConfigFileLoader.Load(parse.GetValue(config)!, error);
            if (options is null)
            {
                return 1;
            }

            foreach (var target in targets)
            {
                if (!options.Models.Any(m => m.Name == target))
                {
                    error.WriteLine($"junction: the model '{target}' is not in the config.");
                    return 1;
                }
            }

            // Replay must not record, shadow or roll out what it replays.
            foreach (var model in options.Models)
            {
                model.Shadow = null;
                model.Rollout = null;
                model.Recording = null;
            }

            IReadOnlyList<RecordingEntry> entries;
            try
            {
                entries = await RecordingFile.ReadAsync(parse.GetValue(file)!, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                error.WriteLine("junction: " + ex.Message);
                return 1;
            }

            await using var runtime = JunctionRuntime.Create(options);
            var runner = new ReplayRunner(runtime.Router, new ShadowComparer(new JsonSchemaValidator()));
            var pairs = await runner.RunAsync(entries, targets[0], targets[1], parse.GetValue(concurrency), ShadowCompareNames.All.ToHashSet(),
                (done, total) => ProgressBar.Draw(error, done, total), cancellationToken);
            error.WriteLine();

            var report = ShadowReport.Build(targets[0], targets[1], null, pairs);
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                ShadowReportJson.Write(writer, report, (pairs.Count, 0, 0));
            }

            using var doc = JsonDocument.Parse(buffer.ToArray());
            if (parse.GetValue(json))
            {
                parse.InvocationConfiguration.Output.WriteLine(doc.RootElement.GetRawText());
            }
            else
            {
                ReportPrinter.Print(parse.InvocationConfiguration.Output, doc.RootElement);
            }

            return 0;
        });
        return replay;
    }
}
