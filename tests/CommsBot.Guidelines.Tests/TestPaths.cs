namespace CommsBot.Guidelines.Tests;

/// <summary>Finds the repository root (the folder with CommsBot.sln) and the labelled corpora in it.</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRoot();

    public static string OwnCorpus(string file) => Path.Combine(RepoRoot, "tests", "corpus", file);

    private static string FindRoot()
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
