using System.Text.Json;
using Junction.Resilience;
using Junction.Routing;
using Microsoft.Extensions.AI;

namespace Junction.Extensions.AI;

/// <summary>
/// One in-process call: the <see cref="RequestContext"/> the router runs it in (request id, routing overrides from
/// <see cref="JunctionPropertyNames.RoutingOverrides"/>), and the additional properties left to send upstream.
/// </summary>
internal sealed class JunctionCall
{
    private static readonly System.Buffers.SearchValues<char> SaneIdChars =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.:");

    private JunctionCall(RequestContext context, List<KeyValuePair<string, object?>> passthrough, bool strict)
    {
        Context = context;
        Passthrough = passthrough;
        Strict = strict;
    }

    public RequestContext Context { get; }

    /// <summary>Additional properties that become request body fields.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Passthrough { get; }

    /// <summary>Whether schemas go out with <c>strict: true</c>.</summary>
    public bool Strict { get; }

    /// <summary>Reads Junction's keys; a bad override or request id is thrown as a 400 <see cref="JunctionRequestException"/>.</summary>
    public static JunctionCall Start(JunctionRuntime runtime, AdditionalPropertiesDictionary? properties)
    {
        var requestId = properties?.TryGetValue(JunctionPropertyNames.RequestId, out var id) == true && id is string s ? s : NewRequestId();
        var context = new RequestContext(requestId);
        var passthrough = new List<KeyValuePair<string, object?>>();
        var strict = false;
        try
        {
            if (!IsSaneRequestId(requestId))
            {
                throw new JunctionException(JunctionErrors.InvalidRequest(
                    $"'{JunctionPropertyNames.RequestId}' must be 1-128 letters, digits or -_.: characters.", JunctionPropertyNames.RequestId));
            }

            foreach (var (key, value) in properties ?? [])
            {
                switch (key)
                {
                    case JunctionPropertyNames.RoutingOverrides:
                        context.Overrides = runtime.Options.Router.AllowRequestOverrides
                            ? ToOverrides(value)
                            : throw new JunctionException(JunctionErrors.RoutingOverridesDisabled());
                        break;
                    case JunctionPropertyNames.StrictJsonSchema:
                        strict = value is true;
                        break;
                    case JunctionPropertyNames.RequestId:
                        break;
                    default:
                        passthrough.Add(new(key, value));
                        break;
                }
            }
        }
        catch (JunctionException ex)
        {
            throw JunctionRequestException.From(ex, requestId);
        }

        return new JunctionCall(context, passthrough, strict);
    }

    private static RoutingOverrides? ToOverrides(object? value) => value switch
    {
        null => null,
        RoutingOverrides overrides => overrides,
        string json => RoutingOverrides.Parse(json),
        JsonElement element => RoutingOverrides.Parse(element.GetRawText()),
        _ => throw new JunctionException(JunctionErrors.InvalidRequest(
            $"'{JunctionPropertyNames.RoutingOverrides}' must be a RoutingOverrides or its JSON text.", JunctionPropertyNames.RoutingOverrides)),
    };

    private static string NewRequestId() => "req_" + Guid.NewGuid().ToString("N");

    private static bool IsSaneRequestId(string id) =>
        id.Length is > 0 and <= 128 && !id.AsSpan().ContainsAnyExcept(SaneIdChars);
}
