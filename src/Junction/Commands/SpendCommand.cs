using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Junction.Server.Admin;
using Junction.Spend;
using Junction.Storage;

namespace Junction.Cli.Commands;

/// <summary>
/// <c>junction spend --by team --since 7d [--until t] [--team id] [--config f] [--json]</c>: the <c>/admin/spend</c>
/// summary read straight from the configured storage (migrating it first), as a table or the admin API's JSON.
/// </summary>
internal static class SpendCommand
{
    public static Command Create()
    {
        var config = ConfigFileLoader.CreateOption();
        var by = new Option<string>("--by") { Description = "key, team, user, model, provider, deployment, day or tag:<name>.", DefaultValueFactory = _ => SpendGroupings.Day };
        var since = new Option<string>("--since") { Description = "Start: a span back from now (30m, 24h, 7d) or an ISO 8601 time.", DefaultValueFactory = _ => "7d" };
        var until = new Option<string?>("--until") { Description = "End (exclusive), like --since; default now." };
        var team = new Option<string?>("--team") { Description = "Only this team." };
        var json = new Option<bool>("--json") { Description = "Print the admin API's JSON instead of a table." };
        var command = new Command("spend", "Summarise the spend log by key, team, user, model, provider, tag or day.") { config, by, since, until, team, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var output = parse.InvocationConfiguration.Output;
            var options = ConfigFileLoader.Load(parse.GetValue(config)!, error);
            if (options is null)
            {
                return 1;
            }

            var grouping = parse.GetValue(by)!;
            var now = TimeProvider.System.GetUtcNow();
            if (!SpendGroupings.IsValid(grouping))
            {
                error.WriteLine($"junction: --by must be one of {string.Join(", ", SpendGroupings.All)}.");
                return 1;
            }

            if (!SpendTime.TryParse(parse.GetValue(since), now, out var from) || (parse.GetValue(until) is { } u && !SpendTime.TryParse(u, now, out _)))
            {
                error.WriteLine("junction: --since and --until take a span back from now (30m, 24h, 7d) or an ISO 8601 time.");
                return 1;
            }

            var to = parse.GetValue(until) is { } untilText && SpendTime.TryParse(untilText, now, out var parsed) ? parsed : now.AddSeconds(1);
            await using var store = SpendStoreFactory.Create(options.Storage, TimeProvider.System);
            if (store is null)
            {
                error.WriteLine("junction: storage is off (set storage.provider, or auth.master_key for the SQLite default).");
                return 1;
            }

            await SpendStoreFactory.MigrateAsync(store, cancellationToken);
            var rows = await store.SummarizeAsync(new SpendQuery { By = grouping, Since = from, Until = to, TeamId = parse.GetValue(team) }, cancellationToken);
            var view = SpendSummaryView.From(grouping, from, to, rows);
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(view, CliJson.Default.SpendSummaryView));
                return 0;
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{grouping,-24} {"requests",9} {"errors",7} {"prompt",12} {"completion",12} {"cached",10} {"cost_usd",12} {"unpriced",9}"));
            foreach (var row in view.Data)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{row.Group ?? "(none)",-24} {row.Requests,9} {row.Errors,7} {row.PromptTokens,12} {row.CompletionTokens,12} {row.CachedTokens,10} {row.CostUsd,12:0.######} {row.UnpricedRequests,9}"));
            }

            return 0;
        });
        return command;
    }
}
