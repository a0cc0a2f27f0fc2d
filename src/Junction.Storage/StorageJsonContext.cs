using System.Text.Json.Serialization;

namespace Junction.Storage;

/// <summary>Source-generated JSON for the list and map columns (<c>models</c>, <c>metadata</c>).</summary>
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
