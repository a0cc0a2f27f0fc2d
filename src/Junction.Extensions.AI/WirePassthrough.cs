using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;

namespace Junction.Extensions.AI;

/// <summary>
/// Sends additional properties as body fields: the request is written as JSON, each property set (replacing a
/// mapped value of the same name), and read back, so known names land in typed fields and the rest in <c>Extra</c>.
/// </summary>
internal static class WirePassthrough
{
    public static T Merge<T>(T request, JsonTypeInfo<T> typeInfo, IReadOnlyList<KeyValuePair<string, object?>> properties)
        where T : class
    {
        if (properties.Count == 0)
        {
            return request;
        }

        var body = JsonSerializer.SerializeToNode(request, typeInfo)!.AsObject();
        foreach (var (name, value) in properties)
        {
            body[name] = value is null ? null : JsonSerializer.SerializeToNode(value, AIJsonUtilities.DefaultOptions.GetTypeInfo(value.GetType()));
        }

        return body.Deserialize(typeInfo)!;
    }
}
