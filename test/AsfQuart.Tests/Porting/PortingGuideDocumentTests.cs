using System.Text.RegularExpressions;

namespace AsfQuart.Tests.Porting;

public sealed partial class PortingGuideDocumentTests
{
    // The guide's only block that is not from the example files: two lines shown out of context.
    private const string OpenApiSnippetMarker = "AddAsfQuartSecurity()";

    [Fact]
    public void Guide_code_matches_examples()
    {
        var root = FindRepositoryRoot();
        var guide = File.ReadAllText(Path.Combine(root, "docs", "porting.md"));
        var examples = Normalize(
            File.ReadAllText(Path.Combine(root, "test", "AsfQuart.Tests", "Porting", "PortingGuideExamples.cs"))
            + File.ReadAllText(Path.Combine(root, "test", "AsfQuart.Tests", "Porting", "PortingGuideHosting.cs")));

        var blocks = CSharpBlock().Matches(guide).Select(match => match.Groups["code"].Value).ToList();

        Assert.True(blocks.Count >= 8, $"Expected the guide to have at least 8 C# blocks, found {blocks.Count}.");
        foreach (var block in blocks.Where(block => !block.Contains(OpenApiSnippetMarker, StringComparison.Ordinal)))
        {
            Assert.True(examples.Contains(Normalize(block), StringComparison.Ordinal), $"This C# block of docs/porting.md is not in the example files:\n{block}");
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AsfQuart.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} contains AsfQuart.sln.");
    }

    // Compares code without indentation, so a block may be quoted at any nesting level.
    private static string Normalize(string code) =>
        string.Join('\n', code.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0));

    [GeneratedRegex("```csharp\\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
