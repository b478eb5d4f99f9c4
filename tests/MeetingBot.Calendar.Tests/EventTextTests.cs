namespace MeetingBot.Calendar.Tests;

public sealed class EventTextTests
{
    [Fact]
    public void Teams_link_ends_at_the_angle_bracket_outlook_puts_around_it()
    {
        var text = "모임에 참가하려면 여기를 클릭<https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0?context=%7b%7d>\n자세한 정보<https://aka.ms/JoinTeamsMeeting>";

        Assert.Equal("https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0?context=%7b%7d", EventText.FindTeamsLink(text));
    }

    [Fact]
    public void Link_in_an_html_attribute_is_found_with_entities_decoded()
    {
        var html = "<a href=\"https://meet.google.com/abc-defg-hij?authuser=0&amp;hs=122\">참여</a>";

        Assert.Equal("https://meet.google.com/abc-defg-hij?authuser=0&hs=122", EventText.FindMeetLink(html));
    }

    [Fact]
    public void First_text_with_a_link_wins()
    {
        Assert.Equal(
            "https://meet.google.com/aaa-bbbb-ccc",
            EventText.FindMeetLink(null, "", "장소: https://meet.google.com/aaa-bbbb-ccc.", "https://meet.google.com/zzz-zzzz-zzz"));
    }

    [Theory]
    [InlineData("회의입니다.\nmeetingbot: ydp-2020-09-strategy\n", "ydp-2020-09-strategy")]
    [InlineData("<p>회의입니다.</p><p>MeetingBot:  YDP-2020-09-Strategy </p>", "ydp-2020-09-strategy")]
    [InlineData("회의입니다.<br/>meetingbot：ydp-x", "ydp-x")]
    [InlineData("meetingbot: 잘못된 아이디", null)]
    [InlineData("이 회의는 meetingbot: ydp-x 로 진행", null)]
    [InlineData(null, null)]
    public void Meeting_id_is_read_from_its_own_line(string? description, string? expected)
    {
        Assert.Equal(expected, EventText.FindMeetingIdHint(description));
    }

    [Theory]
    [InlineData("chat: spaces/AAAAq1w2e3r", "spaces/AAAAq1w2e3r")]
    [InlineData("안내<br>Chat: spaces/AAAA_b-9<br>", "spaces/AAAA_b-9")]
    [InlineData("chat: https://chat.google.com/room/AAAA", null)]
    public void Chat_space_is_read_from_its_own_line(string description, string? expected)
    {
        Assert.Equal(expected, EventText.FindChatSpace(description));
    }
}
