namespace MeetingBot.Reports.Drafting;

/// <summary>The Korean report wording the rule drafter adds to members' remarks, kept in one place.</summary>
internal static class DraftingText
{
    public const string Request = "요청";
    public const string RequestFor = "줄 것을 요청";
    public const string Inquiry = "문의";
    public const string WishOpinion = "좋겠다는 의견";
    public const string WonderOpinion = "하는 의견";
    public const string SuggestionOpinion = "어떨까 하는 의견";
    public const string LetUsOpinion = "자는 의견";
    public const string MustNot = "지 않아야 함";
    public const string MustNotProbably = "지 않아야 할 것 같음";
    public const string Must = "함";
    public const string Need = "필요";
    public const string PleaseDo = "시기 바람";
    public const string Hearsay = "다고 함";
    public const string QuoteOpen = "‘";
    public const string QuoteClose = "’";
    public const string QuotedOpinion = "라는 의견";
}
