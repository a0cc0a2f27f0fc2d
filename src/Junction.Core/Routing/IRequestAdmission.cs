namespace Junction.Routing;

/// <summary>
/// A per-request gate the router passes before any upstream call (virtual keys: allowed models, rate limits,
/// budget reservation), and completes when the request ends (settle or release). Set by the edge on the
/// <see cref="RequestContext"/>; null means no checks (master key, no governance).
/// </summary>
public interface IRequestAdmission
{
    /// <summary>Admits the request for <paramref name="group"/> or throws a <c>JunctionException</c> (403, 429).</summary>
    ValueTask AdmitAsync(RequestContext context, ModelGroup group, CancellationToken cancellationToken);

    /// <summary>Whether the caller may use <paramref name="model"/> at all (for listing models; limits are not checked).</summary>
    bool AllowsModel(string model) => true;

    /// <summary>Settles what <see cref="AdmitAsync"/> reserved, using the context's usage and deployment. Never throws.</summary>
    ValueTask CompleteAsync(RequestContext context, CancellationToken cancellationToken);
}
