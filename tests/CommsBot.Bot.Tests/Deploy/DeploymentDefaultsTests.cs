namespace CommsBot.Bot.Tests.Deploy;

/// <summary>The repository's own files, found above the test assembly.</summary>
internal static class RepoFiles
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "CommsBot.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("CommsBot.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static string Read(params string[] path) => File.ReadAllText(Path.Combine([Root, .. path]));
}

/// <summary>The deployment templates never start the bot in local mode (no app id, unauthenticated).</summary>
public sealed class DeploymentDefaultsTests
{
    [Fact]
    public void Compose_RequiresTheAppIdAndNeverOptsIntoLocalMode()
    {
        var compose = RepoFiles.Read("deploy", "docker-compose.yml");

        Assert.Contains("MicrosoftAppId: ${MicrosoftAppId:?", compose, StringComparison.Ordinal);
        Assert.Contains("MicrosoftAppPassword: ${MicrosoftAppPassword:?", compose, StringComparison.Ordinal);
        Assert.DoesNotContain("MicrosoftAppId: ${MicrosoftAppId:-", compose, StringComparison.Ordinal);
        Assert.DoesNotContain("AllowLocalMode:", compose, StringComparison.Ordinal);
    }

    [Fact]
    public void Bicep_RequiresAnAppIdAndNeverOptsIntoLocalMode()
    {
        var bicep = RepoFiles.Read("deploy", "azure", "main.bicep");

        Assert.Contains("@minLength(36)\n@maxLength(36)\nparam microsoftAppId string\n", bicep.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain("AllowLocalMode", bicep, StringComparison.Ordinal);
        Assert.DoesNotContain("ASPNETCORE_ENVIRONMENT", bicep, StringComparison.Ordinal);
    }
}
