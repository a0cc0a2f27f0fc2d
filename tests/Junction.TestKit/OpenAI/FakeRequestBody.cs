using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace Junction.TestKit.OpenAI;

/// <summary>A request body read into a buffer rented from <see cref="ArrayPool{T}.Shared"/>; dispose to return it.</summary>
internal sealed class FakeRequestBody : IDisposable
{
    private byte[] _buffer;
    private int _length;

    private FakeRequestBody(byte[] buffer) => _buffer = buffer;

    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, _length);

    public static async Task<FakeRequestBody> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        long? declared = request.ContentLength;
        int initial = declared is > 0 and <= 1 << 24 ? (int)declared.Value : 4096;
        var body = new FakeRequestBody(ArrayPool<byte>.Shared.Rent(Math.Max(initial, 256)));
        try
        {
            while (true)
            {
                if (body._length == body._buffer.Length)
                {
                    byte[] larger = ArrayPool<byte>.Shared.Rent(body._buffer.Length * 2);
                    body._buffer.AsSpan(0, body._length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(body._buffer);
                    body._buffer = larger;
                }

                int read = await request.Body.ReadAsync(body._buffer.AsMemory(body._length), cancellationToken);
                if (read == 0)
                {
                    return body;
                }

                body._length += read;
            }
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        byte[] buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        _length = 0;
    }
}
