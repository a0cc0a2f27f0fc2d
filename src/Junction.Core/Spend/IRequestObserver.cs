namespace Junction.Spend;

/// <summary>
/// Told about every request when it finishes (success, failure or cancellation), by the router, for proxy and
/// in-process traffic alike. Called on the request's thread: hand the record to a queue (a bounded channel and a
/// background writer) and return; never block or do I/O here. Exceptions are logged and otherwise ignored.
/// </summary>
public interface IRequestObserver
{
    void OnRequestCompleted(RequestCompleted request);
}
