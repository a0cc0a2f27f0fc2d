namespace Junction.Migration;

/// <summary>
/// Sees finished chat requests (shadow traffic, recording). Called after the client's answer is complete; must
/// return quickly — long work is queued, never done on the caller's path.
/// </summary>
public interface IChatExchangeObserver
{
    /// <summary>Whether this observer wants exchanges of <paramref name="model"/> (so the edge only assembles streams when needed).</summary>
    bool Wants(string model);

    void OnChatCompleted(ChatExchange exchange);
}
