namespace CommsBot.Bot.Hosting;

/// <summary>Reads a request body into memory with a size limit, shared by every endpoint that needs the raw bytes.</summary>
internal static class RequestBody
{
    /// <summary>
    /// The body, or null when it is larger than <paramref name="limit"/> bytes. Behaves the same behind Kestrel
    /// (which also enforces its own limit and reports it as a 413 exception) and the test server (which does not).
    /// </summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        try
        {
            return request.ContentLength is { } length
                ? await ReadKnownLengthAsync(request.Body, (int)length, limit, cancellationToken)
                : await ReadChunkedAsync(request.Body, limit, cancellationToken);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
    }

    /// <summary>Every turn's case (Content-Length sent): the body read straight into an array of its size, with no
    /// chunk buffer and no copy. A body that turns out longer than announced goes on to the chunked path's checks.</summary>
    private static async Task<byte[]?> ReadKnownLengthAsync(Stream body, int length, long limit, CancellationToken cancellationToken)
    {
        var buffer = new byte[length];
        var filled = 0;
        int read;
        while (filled < length && (read = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken)) > 0)
        {
            filled += read;
        }

        if (filled < length)
        {
            return buffer[..filled]; // the client sent less than it announced (the server ends such a request itself)
        }

        // Normally the end of the body at once; otherwise the rest is read with the limit applied.
        var probe = new byte[1];
        if (await body.ReadAsync(probe, cancellationToken) == 0)
        {
            return buffer;
        }

        using var rest = new MemoryStream();
        rest.Write(buffer);
        rest.Write(probe);
        return await CopyWithLimitAsync(body, rest, limit, cancellationToken);
    }

    private static async Task<byte[]?> ReadChunkedAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream(4096);
        return await CopyWithLimitAsync(body, buffer, limit, cancellationToken);
    }

    private static async Task<byte[]?> CopyWithLimitAsync(Stream body, MemoryStream buffer, long limit, CancellationToken cancellationToken)
    {
        if (buffer.Length > limit)
        {
            return null;
        }

        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
