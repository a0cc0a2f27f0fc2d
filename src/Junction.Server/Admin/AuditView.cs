using System.Text.Json;

namespace Junction.Server.Admin;

/// <summary>One audit log entry; <see cref="Before"/> and <see cref="After"/> are the target's admin view (no secrets).</summary>
internal sealed class AuditView
{
    public long Id { get; set; }
    public string Object { get; set; } = "audit_entry";
    public DateTimeOffset At { get; set; }
    public string Actor { get; set; } = "";
    public string ActorRole { get; set; } = "";
    public string Action { get; set; } = "";
    public string TargetType { get; set; } = "";
    public string TargetId { get; set; } = "";
    public string? TeamId { get; set; }
    public JsonElement? Before { get; set; }
    public JsonElement? After { get; set; }
    public string? RequestId { get; set; }
}
