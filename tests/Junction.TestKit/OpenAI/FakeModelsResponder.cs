using System.Buffers;
using System.Text.Json;

namespace Junction.TestKit.OpenAI;

/// <summary><c>GET /v1/models</c> (a <c>list</c> of <c>model</c> objects) and <c>GET /v1/models/{id}</c> (404 <c>model_not_found</c> when unknown).</summary>
internal static class FakeModelsResponder
{
    /// <summary>The <c>created</c> of every model: a fixed instant, so responses are stable.</summary>
    public const long Created = 1686935002;

    public static async Task ListAsync(FakeExchange exchange)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        Utf8JsonWriter json = exchange.Json(buffer);
        json.WriteStartObject();
        json.WriteString("object"u8, "list"u8);
        json.WriteStartArray("data"u8);
        foreach (string id in exchange.Options.Models)
        {
            WriteModel(json, id, exchange.Options.ModelsOwnedBy);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        await exchange.SendJsonAsync(buffer.WrittenMemory);
    }

    public static async Task GetAsync(FakeExchange exchange, string id)
    {
        if (!exchange.Options.Models.Contains(id, StringComparer.Ordinal))
        {
            await exchange.SendErrorAsync(FakeApiError.ModelNotFound(id));
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        Utf8JsonWriter json = exchange.Json(buffer);
        WriteModel(json, id, exchange.Options.ModelsOwnedBy);
        json.Flush();
        await exchange.SendJsonAsync(buffer.WrittenMemory);
    }

    private static void WriteModel(Utf8JsonWriter json, string id, string ownedBy)
    {
        json.WriteStartObject();
        json.WriteString("id"u8, id);
        json.WriteString("object"u8, "model"u8);
        json.WriteNumber("created"u8, Created);
        json.WriteString("owned_by"u8, ownedBy);
        json.WriteEndObject();
    }
}
