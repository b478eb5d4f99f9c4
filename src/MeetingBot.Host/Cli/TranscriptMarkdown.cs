using System.Text;
using MeetingBot.Channels.Replay;
using MeetingBot.Core;
using MeetingBot.Reports.Markdown;

namespace MeetingBot.Host.Cli;

/// <summary>
/// <c>transcript.md</c>: everything the bot posted during a replay, in order, with its simulated time. An agenda card
/// (posted, then updated in place where the channel has cards) is written as what it said, marked as the card.
/// </summary>
public static class TranscriptMarkdown
{
    public static string Render(IReadOnlyList<TranscriptLine> lines, IReadOnlyList<MeetingDefinition> meetings)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(meetings);
        var byId = meetings.ToDictionary(m => m.Id, StringComparer.Ordinal);
        var replaced = 0;
        var sb = new StringBuilder("# 봇 발신 기록\n\n");
        sb.Append("모의 재생에서 봇이 대화방에 보낸 메시지를 시간순으로 적었습니다. (시각은 각 회의의 현지 시각)\n\n");
        foreach (var line in lines)
        {
            var meeting = byId.GetValueOrDefault(line.MeetingId);
            var local = meeting is null ? line.At : meeting.ToLocal(line.At);
            sb.Append("- **").Append(KoreanTime.Timestamp(local)).Append("** ");
            sb.Append('[').Append(MarkdownWriter.Escape(meeting?.Subcommittee ?? line.MeetingId, ref replaced)).Append("] ");
            sb.Append(line.Trigger is { } t
                ? $"↩ {MarkdownWriter.Escape(t.From.Name, ref replaced)}: {MarkdownWriter.Escape(Shorten(t.Text), ref replaced)}"
                : "⏰ 시계");
            if (line.Message.Card is not null)
            {
                sb.Append(" · ").Append(CardLabel);
            }

            sb.Append('\n');
            foreach (var text in line.Message.Text.Split('\n'))
            {
                sb.Append("  > ").Append(MarkdownWriter.Escape(text, ref replaced)).Append('\n');
            }
        }

        return sb.ToString();
    }

    /// <summary>Marks a line that is the agenda card (SPEC §10) rather than a chat message.</summary>
    public const string CardLabel = "🗂 안건 카드";

    private static string Shorten(string text)
    {
        var oneLine = text.ReplaceLineEndings(" ");
        return oneLine.Length <= 60 ? oneLine : string.Concat(oneLine.AsSpan(0, 60), "…");
    }
}
