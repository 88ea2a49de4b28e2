namespace CommsBot.Cli.Commands;

/// <summary>Reads a draft from standard input without reading more than the limit allows.</summary>
internal static class DraftInput
{
    /// <summary>
    /// The draft on <paramref name="reader"/> less one trailing newline (what <c>echo</c> and most editors add), or
    /// null when it is longer than <paramref name="maxLength"/>: reading stops there, however much more is piped in.
    /// </summary>
    public static async Task<string?> ReadAsync(TextReader reader, int maxLength, CancellationToken cancellationToken)
    {
        // Room for the limit plus a trailing "\r\n", plus one character that proves the draft is over the limit.
        var buffer = new char[maxLength + 3];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await reader.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        if (length == buffer.Length)
        {
            return null;
        }

        if (length > 0 && buffer[length - 1] == '\n')
        {
            length--;
            if (length > 0 && buffer[length - 1] == '\r')
            {
                length--;
            }
        }

        return new string(buffer, 0, length);
    }
}
