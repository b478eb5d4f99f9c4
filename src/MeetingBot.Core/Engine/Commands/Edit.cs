namespace MeetingBot.Core.Engine.Commands;

/// <summary>A platform edit: updates the message's entry, withdraws it when the tag was edited away, or captures it now.</summary>
internal static class Edit
{
    public static void Decide(Turn turn)
    {
        var existing = turn.State.Target;
        var parsed = ChatGrammar.Parse(turn.Input.Text);
        if (existing is null)
        {
            // Chatter edited into a tagged entry is captured now, under the original message's id.
            if (parsed is TagMessage tag)
            {
                Tag.Capture(turn, tag, SourceId(turn.Input));
            }

            return;
        }

        if (existing.Withdrawn)
        {
            return;
        }

        if (parsed is TagMessage { Text.Length: > 0 } edited && (edited.Kind != EntryKind.Decision || turn.CanRun))
        {
            var itemIndex = edited.TargetItem is { } t && turn.Meeting.Item(t) is not null ? t : existing.ItemIndex;
            var updated = existing with { Text = edited.Text, Kind = edited.Kind, ItemIndex = itemIndex, EditedAt = turn.Now };
            turn.Add(updated);
            turn.Reply(BotText.Edited(updated));
        }
        else
        {
            // The tag was edited away: the message no longer asks to be in the report.
            var withdrawn = existing with { Withdrawn = true, EditedAt = turn.Now };
            turn.Add(withdrawn);
            turn.Reply(BotText.Withdrawn(withdrawn));
        }
    }

    /// <summary>The message an edit or delete applies to.</summary>
    public static string SourceId(ChatInput input) => input.TargetMessageId ?? input.MessageId;
}
