namespace Junction.TestKit.OpenAI;

/// <summary>What a scripted <see cref="FakeBehavior"/> does to one request.</summary>
internal enum FakeBehaviorKind
{
    Succeed,
    Error,
    RawError,
    Hang,
    Delay,
    SlowFirstByte,
    ResetMidStream,
    ResetBeforeResponse,
    Garbage,
    ErrorInStream,
}
