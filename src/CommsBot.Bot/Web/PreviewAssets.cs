using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;

namespace CommsBot.Bot.Web;

/// <summary>One file of the preview page, read once from the assembly.</summary>
internal sealed record PreviewAsset(string Name, byte[] Content, string ContentType, string ETag);

/// <summary>
/// The preview page's files, embedded in this assembly at build time (web/src, and the adaptivecards renderer from
/// npm when the build had npm: see Web/PreviewAssets.targets), so the page works from any working directory and needs
/// no network.
/// </summary>
internal sealed class PreviewAssets
{
    public const string ResourcePrefix = "CommsBot.Preview/";

    /// <summary>The page served at / when the build has no renderer: what is missing and how to add it.</summary>
    public const string RendererMissingPage = "renderer-missing.html";

    /// <summary>The page's own files (web/src, in the repository): a build that lacks one is broken and fails at
    /// start-up, not in the browser.</summary>
    public static readonly string[] Required = ["index.html", "preview.js", "preview.css", RendererMissingPage];

    /// <summary>The renderer and its licences, from npm. A build without npm has none of them: the page then says so.</summary>
    public static readonly string[] Renderer =
    [
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

    private PreviewAssets(FrozenDictionary<string, PreviewAsset> assets)
    {
        this.assets = assets;
        HasRenderer = Renderer.All(assets.ContainsKey);
    }

    public IEnumerable<string> Names => assets.Keys;

    /// <summary>Whether the build embedded the Adaptive Cards renderer (it needs npm); without it / explains how to add it.</summary>
    public bool HasRenderer { get; }

    /// <summary>The page at /: the preview, or the explanation when the build has no renderer.</summary>
    public PreviewAsset IndexPage => assets[HasRenderer ? "index.html" : RendererMissingPage];

    public static PreviewAssets Load(Assembly? assembly = null)
    {
        assembly ??= typeof(PreviewAssets).Assembly;
        return Load(assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(resource => (resource[ResourcePrefix.Length..], (Func<Stream>)(() => assembly.GetManifestResourceStream(resource)!))));
    }

    /// <summary>Loads the named files. Exposed for tests of a build without the renderer.</summary>
    internal static PreviewAssets Load(IEnumerable<(string Name, Func<Stream> Open)> files)
    {
        var assets = new Dictionary<string, PreviewAsset>(StringComparer.Ordinal);
        foreach (var (name, open) in files)
        {
            if (!ContentTypes.TryGetValue(Path.GetExtension(name), out var contentType))
            {
                continue;
            }

            using var stream = open();
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
                $"The preview page is missing {string.Join(", ", missing)} from the build: web/src was not embedded. " +
                "Build the bot from a complete checkout, or set Api:PreviewPage to false.");
        }

        return new PreviewAssets(assets.ToFrozenDictionary(StringComparer.Ordinal));
    }

    public PreviewAsset? Find(string name) => assets.GetValueOrDefault(name);
}
