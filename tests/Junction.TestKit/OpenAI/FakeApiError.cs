namespace Junction.TestKit.OpenAI;

/// <summary>An OpenAI-shaped error, <c>{"error":{"message","type","param","code"}}</c>, with its HTTP status.</summary>
internal readonly record struct FakeApiError(int Status, string Type, string? Code, string Message, string? Param = null)
{
    public static FakeApiError InvalidApiKey { get; } = new(
        401,
        "invalid_request_error",
        "invalid_api_key",
        "Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.");

    public static FakeApiError InvalidJson { get; } = new(
        400,
        "invalid_request_error",
        null,
        "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library "
        + "correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)");

    public static FakeApiError ServerError { get; } = new(
        500,
        "server_error",
        null,
        "The server had an error while processing your request. Sorry about that!");

    public static FakeApiError MissingModel { get; } = new(400, "invalid_request_error", null, "you must provide a model parameter");

    public static FakeApiError MissingParameter(string name) =>
        new(400, "invalid_request_error", "missing_required_parameter", $"Missing required parameter: '{name}'.", name);

    public static FakeApiError InvalidValue(string param, string message) =>
        new(400, "invalid_request_error", "invalid_value", message, param);

    public static FakeApiError ModelNotFound(string id) =>
        new(404, "invalid_request_error", "model_not_found", $"The model '{id}' does not exist or you do not have access to it.");

    public static FakeApiError InvalidUrl(string method, string path) =>
        new(404, "invalid_request_error", null, $"Invalid URL ({method} {path})");
}
