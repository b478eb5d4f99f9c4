using System.Globalization;
using System.Text;

namespace MeetingBot.Core.Engine;

/// <summary>Everything the bot says in chat, in one place (Korean first).</summary>
public static class BotText
{
    public static string ItemLabel(AgendaItem item) => $"{item.Index}. {item.Title}";

    /// <summary>
    /// The agenda with each item's planned time and, once it has run, its actual time and minutes: the same figures
    /// the report prints for the same times (<see cref="AgendaTimeline"/>).
    /// </summary>
    public static string AgendaPost(MeetingDefinition meeting, MeetingRuntime runtime)
    {
        var timeline = AgendaTimeline.Of(meeting, runtime);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"📋 [{meeting.Subcommittee}] {meeting.Title} 안건");
        foreach (var item in meeting.Agenda)
        {
            var timing = timeline.Item(item.Index);
            var mark = runtime.CurrentItem == item.Index && runtime.Status is MeetingStatus.Running or MeetingStatus.Paused ? "▶ "
                : timing.ActualEnd is not null ? "✔ " : "";
            var planned = KoreanTime.RangeWithMinutes(meeting.ToLocal(timing.PlannedStart), meeting.ToLocal(timing.PlannedEnd));
            sb.Append('\n').Append(CultureInfo.InvariantCulture, $"{mark}{item.Index}. [{item.Section}] {item.Title} — {planned}");
            if (!string.IsNullOrWhiteSpace(item.Lead))
            {
                sb.Append(CultureInfo.InvariantCulture, $" {item.Lead}");
            }

            if (timing.WasOpened)
            {
                sb.Append(" · 실제 ").Append(KoreanTime.Visits(timing.Visits, meeting.TimeZone));
                if (timing.UsedMinutes is { } used)
                {
                    var paused = timing.PausedMinutes > 0 ? ", " + KoreanTime.Paused(timing.PausedMinutes.Value) : "";
                    sb.Append(CultureInfo.InvariantCulture, $" ({KoreanTime.Minutes(used)}{paused})");
                }

                if (timing.ExtraMinutes > 0)
                {
                    sb.Append(CultureInfo.InvariantCulture, $" (연장 {KoreanTime.MinutesInWords(timing.ExtraMinutes)})");
                }
            }
        }

        if (runtime.Status == MeetingStatus.NotStarted)
        {
            sb.Append("\n회의 시작은 분과장이 /시작 을 입력해 주세요.");
        }

        return sb.ToString();
    }

    public static string ItemOpened(MeetingDefinition meeting, AgendaItem item, DateTimeOffset now, TimeSpan remaining)
    {
        var lead = string.IsNullOrWhiteSpace(item.Lead) ? "" : $" · 진행 {item.Lead}";
        return $"▶ {ItemLabel(item)}{lead}\n⏱ {KoreanTime.RangeWithMinutes(meeting.ToLocal(now), meeting.ToLocal(now + remaining))}";
    }

    public const string StartedHint = "의견은 #의견, 제안은 #제안, 질문은 #질문 으로 시작해 남겨 주세요. (/도움말)";

    /// <summary>What is recorded, said at <c>/시작</c> (SPEC §9 consent).</summary>
    public const string Consent = "🎙 기록 안내: 이 회의에서는 #의견·#제안·#질문·#결정 으로 남긴 글과, 회의 플랫폼이 제공하는 경우 발언 기록(말한 사람·시각·내용)을 결과 보고 초안에 담습니다. 기록을 잠시 멈추려면 /기록중지, 다시 시작하려면 /기록재개 (분과장·부분과장·담당 직원).";

    public const string CaptureStopped = "지금은 기록이 중지되어 있어 남겨 주신 내용을 접수하지 않았습니다. 기록이 다시 시작되면(/기록재개) 다시 남겨 주세요.";
    public const string CaptureAlreadyStopped = "이미 기록이 중지되어 있습니다. 다시 기록하려면 /기록재개 를 입력해 주세요.";
    public const string CaptureNotStopped = "기록이 중지되어 있지 않습니다. 지금도 기록하고 있습니다.";

    public static string CaptureStoppedNow(MeetingDefinition meeting, DateTimeOffset now) =>
        $"⏸ {Time(meeting, now)}부터 기록을 중지합니다. 이제부터 남기는 #의견 등과 발언은 결과 보고에 담지 않습니다. 다시 기록하려면 /기록재개";

    public static string CaptureResumed(MeetingDefinition meeting, CaptureStop stop) =>
        $"▶ 기록을 다시 시작합니다. (기록 중지: {KoreanTime.Range(meeting.ToLocal(stop.Start), meeting.ToLocal(stop.End ?? stop.Start))})";

    public static string Warning(MeetingDefinition meeting, AgendaItem item, DueWarning warning, DateTimeOffset now) => warning.Kind switch
    {
        WarningKind.Soon => $"⏰ [{ItemLabel(item)}] 종료 {KoreanTime.Countdown(warning.Budget - warning.Threshold)} 전입니다. ({Time(meeting, now + (warning.Budget - warning.Threshold))} 종료 예정)",
        WarningKind.TimeUp => $"⏰ [{ItemLabel(item)}] 예정 시간({KoreanTime.MinutesInWords(KoreanTime.WholeMinutes(warning.Budget))})이 끝났습니다. /다음 으로 넘어가거나 /연장 5 처럼 시간을 늘려 주세요.",
        _ => $"⏰ [{ItemLabel(item)}] 예정 시간을 {KoreanTime.Countdown(warning.Threshold - warning.Budget)} 넘겼습니다.",
    };

    public static string Captured(Entry entry, AgendaItem item) =>
        $"✅ {entry.Number}번 {EntryKinds.Korean(entry.Kind)} 접수 — {ItemLabel(item)} (철회: /철회 {entry.Number})";

    public static string Edited(Entry entry) => $"✏️ {entry.Number}번 {EntryKinds.Korean(entry.Kind)}을(를) 수정했습니다.";

    public static string WithdrawnByDelete(Entry entry) => $"🗑 메시지가 삭제되어 {entry.Number}번 {EntryKinds.Korean(entry.Kind)}을(를) 철회했습니다.";

    public static string Withdrawn(Entry entry) => $"↩️ {entry.Number}번 {EntryKinds.Korean(entry.Kind)}을(를) 철회했습니다.";

    public static string EmptyTag(string tag) => $"#{tag} 뒤에 내용을 함께 적어 주세요. 예: #{tag} 홍보 방안을 마련하면 좋겠습니다";

    public static string NoSuchItem(int count) => $"안건 번호는 1부터 {count}까지입니다.";

    public const string NotStarted = "회의가 아직 시작되지 않았습니다. 분과장이 /시작 으로 회의를 시작해 주세요.";
    public const string TagBeforeStart = "회의가 시작된 뒤에 남겨 주세요. 특정 안건에 미리 남기려면 #의견 @3 내용 처럼 안건 번호를 붙여 주세요.";
    public const string AlreadyStarted = "회의가 이미 진행 중입니다. (/상태)";
    public const string AlreadyEnded = "이미 종료된 회의입니다. 결과 보고 초안은 담당자에게 전달되었습니다.";
    public const string LastItem = "마지막 안건입니다. 회의를 마치려면 /종료 를 입력해 주세요.";
    public const string FirstItem = "첫 번째 안건입니다. 이전 안건이 없습니다.";
    public const string AlreadyPaused = "이미 일시정지 상태입니다. 다시 시작하려면 /재개";
    public const string NotPaused = "일시정지 상태가 아닙니다.";
    public const string ExtendUsage = "연장할 시간을 분 단위로 적어 주세요. 예: /연장 5 (1~120분)";
    public const string GotoUsage = "이동할 안건 번호를 적어 주세요. 예: /이동 3";
    public const string WithdrawUsage = "철회할 번호를 적어 주세요. 예: /철회 3 (번호는 접수 안내에 있습니다)";
    public const string BindUsage = "연결할 회의 ID를 적어 주세요. 예: /연결 ydp-2020-09-strategy";
    public const string Unbound = "이 대화방은 아직 회의에 연결되지 않았습니다. 담당 직원이 /연결 회의ID 로 이 대화방을 회의에 연결해 주세요.";
    public const string Greeting = "안녕하세요, 회의 도우미 MeetingBot입니다. 안건과 시간을 안내하고, #의견 #제안 #질문 으로 남겨 주신 내용을 모아 결과 보고 초안을 만들어 드립니다.";

    public static string Extended(AgendaItem item, int minutes, TimeSpan remaining) =>
        $"⏱ [{ItemLabel(item)}] {KoreanTime.MinutesInWords(minutes)} 연장했습니다. 남은 시간 {KoreanTime.Countdown(remaining)}";

    public static string Paused(AgendaItem item, TimeSpan remaining) =>
        $"⏸ 일시정지했습니다. [{ItemLabel(item)}] 남은 시간 {KoreanTime.Countdown(remaining)} (다시 시작: /재개)";

    public static string Resumed(AgendaItem item, TimeSpan remaining) =>
        $"▶ 다시 시작합니다. [{ItemLabel(item)}] 남은 시간 {KoreanTime.Countdown(remaining)}";

    public static string Ended(MeetingDefinition meeting, DateTimeOffset now, int entries) =>
        $"🏁 [{meeting.Subcommittee}] 회의를 {Time(meeting, now)}에 마칩니다. 접수된 의견·제안·질문·결정 {entries}건으로 결과 보고 초안을 작성해 담당자에게 전달합니다. 수고하셨습니다.";

    public static string Status(MeetingDefinition meeting, MeetingRuntime runtime, DateTimeOffset now, int total, int inItem)
    {
        if (runtime.Status == MeetingStatus.NotStarted)
        {
            return $"[{meeting.Subcommittee}] 시작 전입니다. 예정 시작 {Time(meeting, meeting.Start)}. 접수 {total}건";
        }

        if (runtime.Status == MeetingStatus.Ended)
        {
            return $"[{meeting.Subcommittee}] 종료된 회의입니다. 접수 {total}건";
        }

        var item = meeting.Agenda[runtime.CurrentItem - 1];
        var timing = runtime.Timing(runtime.CurrentItem);
        var left = Timebox.Budget(item, timing) - Timebox.Used(timing, runtime.SegmentStart, now);
        var clock = left >= TimeSpan.Zero ? $"남은 시간 {KoreanTime.Countdown(left)}" : $"{KoreanTime.Countdown(left)} 초과";
        var paused = runtime.Status == MeetingStatus.Paused ? " (일시정지 중)" : "";
        return $"현재 안건: {ItemLabel(item)}{paused}\n{clock} · 이 안건 접수 {inItem}건 · 전체 {total}건";
    }

    private static string Time(MeetingDefinition meeting, DateTimeOffset instant) => KoreanTime.Time(meeting.ToLocal(instant));

    public static string Refused(Command command) => command switch
    {
        Command.Withdraw => "본인이 남긴 항목만 철회할 수 있습니다. (담당 직원은 모두 가능)",
        Command.Bind => "대화방 연결은 해당 회의의 담당 직원만 할 수 있습니다.",
        _ => "죄송합니다. 이 명령은 분과장·부분과장과 담당 직원만 사용할 수 있습니다.",
    };

    public static string NotRecognised(string participant, string userId) =>
        $"표시 이름만으로는 역할을 확인하지 않습니다. 본인이 '{participant}'님이라면 담당 직원이 회의 파일의 그 참석자에 chatUserId: {userId} 를 적어 주세요.";

    public const string DecisionRefused = "죄송합니다. #결정 은 분과장·부분과장과 담당 직원만 남길 수 있습니다. 의견은 #의견 으로 남겨 주세요.";

    public static string NoSuchEntry(int number) => $"{number}번 항목을 찾을 수 없습니다.";

    public static string AlreadyWithdrawn(int number) => $"{number}번 항목은 이미 철회되었습니다.";

    public static string UnknownMeeting(string id) => $"회의 ID '{id}'를 찾을 수 없습니다. 회의 파일의 id 를 확인해 주세요.";

    public static string Bound(MeetingDefinition meeting) =>
        $"🔗 이 대화방을 [{meeting.Subcommittee}] {meeting.Title} ({meeting.Id})에 연결했습니다.";

    public static string Help(bool canRun, bool isStaff, string? unknown)
    {
        var sb = new StringBuilder();
        if (unknown is not null)
        {
            sb.Append(CultureInfo.InvariantCulture, $"알 수 없는 명령입니다: /{unknown}\n");
        }

        sb.Append("사용할 수 있는 명령\n");
        sb.Append("· #의견 내용 / #제안 내용 / #질문 내용 — 결과 보고에 실릴 의견 남기기 (#의견 @3 내용: 3번 안건에)\n");
        if (canRun)
        {
            sb.Append("· #결정 내용 — 회의결과 기록\n");
            sb.Append("· /시작 /다음 /이전 /이동 N /연장 M /일시정지 /재개 /종료 — 회의 진행\n");
            sb.Append("· /기록중지 /기록재개 — 의견·발언 기록 멈추기와 다시 시작\n");
        }

        sb.Append("· /안건 — 안건과 시간 보기 · /상태 — 현재 안건과 남은 시간\n");
        sb.Append(isStaff ? "· /철회 K — K번 항목 철회\n" : "· /철회 K — 내가 남긴 K번 항목 철회\n");
        if (isStaff)
        {
            sb.Append("· /연결 회의ID — 이 대화방을 회의에 연결\n");
        }

        sb.Append("· /도움말 — 이 안내");
        return sb.ToString();
    }
}
