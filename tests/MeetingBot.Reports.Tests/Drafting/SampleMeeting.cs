using MeetingBot.Core;
using MeetingBot.Reports.Drafting;
using MeetingBot.TestSupport;
using YamlDotNet.RepresentationModel;

namespace MeetingBot.Reports.Tests.Drafting;

/// <summary>The 전략사업 sample chat and the reference report it reproduces, read from the repository.</summary>
internal static class SampleMeeting
{
    private static readonly Dictionary<string, EntryKind> Tags = new(StringComparer.Ordinal)
    {
        ["#의견"] = EntryKind.Opinion,
        ["#제안"] = EntryKind.Proposal,
        ["#질문"] = EntryKind.Question,
    };

    public static string ReferenceText() => File.ReadAllText(RepositoryFiles.ReferenceReport);

    /// <summary>The #의견/#제안/#질문 messages of the sample chat, tag stripped, ids as the replay numbers them (m1, m2, …).</summary>
    public static IReadOnlyList<DraftSource> TaggedEntries()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(RepositoryFiles.Samples, "strategy.chat.yaml")))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var messages = (YamlSequenceNode)root.Children[new YamlScalarNode("messages")];
        var sources = new List<DraftSource>();
        var position = 0;
        foreach (var node in messages.Children.Cast<YamlMappingNode>())
        {
            position++;
            var text = ((YamlScalarNode)node.Children[new YamlScalarNode("text")]).Value ?? "";
            var author = ((YamlScalarNode)node.Children[new YamlScalarNode("from")]).Value ?? "";
            var space = text.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0 && Tags.TryGetValue(text[..space], out var kind))
            {
                sources.Add(new DraftSource($"m{position}", kind, text[(space + 1)..], author));
            }
        }

        return sources;
    }
}
