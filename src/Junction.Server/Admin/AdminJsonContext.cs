using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Server.Admin;

/// <summary>Source-generated JSON for the admin API (snake_case, nulls omitted).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(KeyRequest))]
[JsonSerializable(typeof(KeyView))]
[JsonSerializable(typeof(TeamRequest))]
[JsonSerializable(typeof(TeamView))]
[JsonSerializable(typeof(UserRequest))]
[JsonSerializable(typeof(UserView))]
[JsonSerializable(typeof(AuditView))]
[JsonSerializable(typeof(AdminList<KeyView>))]
[JsonSerializable(typeof(AdminList<TeamView>))]
[JsonSerializable(typeof(AdminList<UserView>))]
[JsonSerializable(typeof(AdminList<AuditView>))]
[JsonSerializable(typeof(SpendSummaryView))]
[JsonSerializable(typeof(SpendLogPage))]
internal sealed partial class AdminJsonContext : JsonSerializerContext;
