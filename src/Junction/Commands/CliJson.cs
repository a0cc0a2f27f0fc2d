using System.Text.Json;
using System.Text.Json.Serialization;
using Junction.Server.Admin;

namespace Junction.Cli.Commands;

/// <summary>The admin API's JSON shapes, indented for people reading a terminal.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(KeyView))]
[JsonSerializable(typeof(AdminList<KeyView>))]
[JsonSerializable(typeof(SpendSummaryView))]
internal sealed partial class CliJson : JsonSerializerContext;
