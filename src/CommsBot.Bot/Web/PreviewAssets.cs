using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;

namespace CommsBot.Bot.Web;

/// <summary>One file of the preview page, read once from the assembly.</summary>
internal sealed record PreviewAsset(string Name, byte[] Content, string ContentType, string ETag);

/// <summary>
/// The preview page's files, embedded in this assembly at build time (web/src, and the adaptivecards renderer from
/// npm: see Web/PreviewAssets.targets), so the page works from any working directory and needs no network.
/// </summary>
internal sealed class PreviewAssets
{
    public const string ResourcePrefix = "CommsBot.Preview/";

    /// <summary>Files the page cannot work without: a build that lacks one fails at start-up, not in the browser.</summary>
    public static readonly string[] Required =
    [
        "index.html", "preview.js", "preview.css",
        "adaptivecards.min.js", "adaptivecards.css", "adaptivecards.LICENSE.txt", "adaptivecards.min.js.LICENSE.txt", "swiper.LICENSE.txt",
    ];

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".txt"] = "text/plain; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private readonly FrozenDictionary<string, PreviewAsset> assets;

    private PreviewAssets(FrozenDictionary<string, PreviewAsset> assets) => this.assets = assets;

    public IEnumerable<string> Names => assets.Keys;

    public static PreviewAssets Load(Assembly? assembly = null)
    {
        assembly ??= typeof(PreviewAssets).Assembly;
        var assets = new Dictionary<string, PreviewAsset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var name = resource[ResourcePrefix.Length..];
            if (!ContentTypes.TryGetValue(Path.GetExtension(name), out var contentType))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var content = copy.ToArray();
            var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(content).AsSpan(0, 12)) + "\"";
            assets[name] = new PreviewAsset(name, content, contentType, etag);
        }

        var missing = Required.Where(r => !assets.ContainsKey(r)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"The preview page is missing {string.Join(", ", missing)} from the build. Build with Node.js and npm on the PATH " +
                "(the build runs `npm ci --prefix web`), or set Api:PreviewPage to false.");
        }

        return new PreviewAssets(assets.ToFrozenDictionary(StringComparer.Ordinal));
    }

    public PreviewAsset? Find(string name) => assets.GetValueOrDefault(name);
}
