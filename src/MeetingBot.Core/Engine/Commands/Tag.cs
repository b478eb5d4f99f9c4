namespace MeetingBot.Core.Engine.Commands;

/// <summary><c>#의견</c>, <c>#질문</c>, <c>#제안</c>, <c>#결정</c>: captures an entry under the current (or named) item.</summary>
internal static class Tag
{
    /// <summary>Captures <paramref name="tag"/> as a new entry whose source is <paramref name="sourceId"/> (default: this message).</summary>
    public static void Capture(Turn turn, TagMessage tag, string? sourceId = null)
    {
        if (tag.Kind == EntryKind.Decision && !turn.CanRun)
        {
            turn.Refuse(BotText.DecisionRefused, turn.Meeting);
            return;
        }

        if (tag.Text.Length == 0)
        {
            turn.Reply(BotText.EmptyTag(tag.Tag));
            return;
        }

        var runtime = turn.Clock;
        if (runtime.Status == MeetingStatus.Ended)
        {
            turn.Reply(BotText.AlreadyEnded);
            return;
        }

        if (runtime.OpenCaptureStop() is not null)
        {
            turn.Reply(BotText.CaptureStopped);
            return;
        }

        var itemIndex = tag.TargetItem ?? runtime.CurrentItem;
        if (tag.TargetItem is { } target && turn.Meeting.Item(target) is null)
        {
            turn.Reply(BotText.NoSuchItem(turn.Meeting.Agenda.Count));
            return;
        }

        if (itemIndex < 1)
        {
            turn.Reply(BotText.TagBeforeStart);
            return;
        }

        var entry = new Entry
        {
            MeetingId = turn.Meeting.Id,
            Number = runtime.NextEntryNumber,
            Kind = tag.Kind,
            ItemIndex = itemIndex,
            Text = tag.Text,
            AuthorName = turn.Sender?.Name ?? turn.Input.From.Name,
            AuthorId = turn.Input.From.Id,
            SourceId = sourceId ?? turn.Input.MessageId,
            CapturedAt = turn.Now,
        };
        turn.Runtime = runtime with { NextEntryNumber = runtime.NextEntryNumber + 1 };
        turn.Add(entry);
        turn.Reply(BotText.Captured(entry, turn.Meeting.Agenda[itemIndex - 1]));
    }
}
