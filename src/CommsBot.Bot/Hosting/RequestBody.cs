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

        using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 4096);
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        return buffer.ToArray();
    }
}
