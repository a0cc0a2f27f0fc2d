using System.Buffers;

namespace Junction.Tests.TestSupport;

/// <summary>Builds a <see cref="ReadOnlySequence{T}"/> over separate segments, to exercise split reads.</summary>
public static class SegmentedSequence
{
    /// <summary>One segment per <paramref name="segmentSize"/> bytes (1 gives a segment per byte).</summary>
    public static ReadOnlySequence<byte> Create(ReadOnlyMemory<byte> data, int segmentSize)
    {
        var parts = new List<ReadOnlyMemory<byte>>();
        for (var i = 0; i < data.Length; i += segmentSize)
        {
            parts.Add(data.Slice(i, Math.Min(segmentSize, data.Length - i)));
        }

        return Create([.. parts]);
    }

    /// <summary>One segment per part, in order; empty parts are kept as empty segments.</summary>
    public static ReadOnlySequence<byte> Create(params ReadOnlyMemory<byte>[] parts)
    {
        if (parts.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = new Segment(parts[0], 0);
        var last = first;
        foreach (var part in parts.Skip(1))
        {
            last = last.Append(part);
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
