namespace Junction.Resilience;

/// <summary>What went wrong, in the terms the router decides on: retry, move on, fall back, or give up.</summary>
public enum JunctionErrorKind
{
    /// <summary>The request itself is wrong (400); retrying cannot help.</summary>
    BadRequest,

    /// <summary>The key was missing or wrong (401).</summary>
    Authentication,

    /// <summary>The key may not do this (403).</summary>
    PermissionDenied,

    /// <summary>The model or resource does not exist (404).</summary>
    NotFound,

    /// <summary>The body is over a size limit (413).</summary>
    PayloadTooLarge,

    /// <summary>A rate limit answered (429); another deployment or a later attempt may succeed.</summary>
    RateLimited,

    /// <summary>A billing quota is exhausted (429 insufficient_quota); retrying the same deployment cannot help.</summary>
    QuotaExceeded,

    /// <summary>The prompt does not fit the model's context window.</summary>
    ContextWindowExceeded,

    /// <summary>A content filter refused the prompt or the output.</summary>
    ContentFiltered,

    /// <summary>An upstream conflict or lock (409); retryable.</summary>
    Conflict,

    /// <summary>The upstream (or the whole request) took too long.</summary>
    Timeout,

    /// <summary>The upstream could not be reached or dropped the connection.</summary>
    Unavailable,

    /// <summary>The upstream failed (5xx).</summary>
    ServerError,

    /// <summary>The upstream answered something that is not its protocol.</summary>
    InvalidResponse,

    /// <summary>Junction itself failed.</summary>
    Internal,
}
