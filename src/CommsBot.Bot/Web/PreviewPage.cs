namespace CommsBot.Bot.Web;

/// <summary>GET / and GET /preview/{file}: the preview page and its files, with a policy that lets the page load
/// nothing but this host's own scripts and styles and call nothing but this host.</summary>
internal static class PreviewPage
{
    public const string AssetRoute = "/preview/{file}";

    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static IResult Index(HttpContext http, PreviewAssets assets) => Serve(http, assets.IndexPage);

    public static IResult Asset(HttpContext http, PreviewAssets assets, string file) =>
        file is not ("index.html" or PreviewAssets.RendererMissingPage) && assets.Find(file) is { } asset ? Serve(http, asset) : Results.NotFound();

    private static IResult Serve(HttpContext http, PreviewAsset asset)
    {
        var headers = http.Response.Headers;
        headers.CacheControl = "no-cache"; // revalidate: the ETag makes that a 304
        headers.ETag = asset.ETag;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        if (asset.ContentType.StartsWith("text/html", StringComparison.Ordinal))
        {
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XFrameOptions = "DENY";
        }

        if (http.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == asset.ETag)))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(asset.Content, asset.ContentType);
    }
}
