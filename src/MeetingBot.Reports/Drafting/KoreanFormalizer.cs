using System.Text;
using System.Text.RegularExpressions;
using MeetingBot.Core;

namespace MeetingBot.Reports.Drafting;

/// <summary>
/// Turns a member's chat remark into a 개조식 report bullet ("…생각합니다" → "…생각함.", "…공유해 주실 수
/// 있을까요?" → "…공유 요청."). Rules only, no NLP package: each sentence is decided by its last eojeol,
/// and endings are rebuilt with Hangul syllable arithmetic. Words are kept; only endings, colloquial
/// forms and filler change, so the bullet says what the member said and nothing more. A sentence whose
/// ending no rule understands is quoted as said rather than guessed at.
/// </summary>
public static partial class KoreanFormalizer
{
    // Longest ending pattern ("…을 공유해 주실 수 있을까요") spans five eojeols; rules look at the last
    // few only, so an 8,000-character remark costs no more per sentence than a short one.
    private const int TailTokens = 8;

    private static readonly Dictionary<string, string> Colloquial = new(StringComparer.Ordinal)
    {
        ["근데"] = "그런데",
        ["그치만"] = "그렇지만",
        ["땜에"] = "때문에",
        ["어케"] = "어떻게",
        ["암튼"] = "아무튼",
        ["이거"] = "이것",
        ["그거"] = "그것",
        ["저거"] = "저것",
        ["이건"] = "이것은",
        ["그건"] = "그것은",
        ["저건"] = "저것은",
        ["이게"] = "이것이",
        ["그게"] = "그것이",
        ["저게"] = "저것이",
        ["이걸"] = "이것을",
        ["그걸"] = "그것을",
        ["저걸"] = "저것을",
        ["이걸로"] = "이것으로",
        ["그걸로"] = "그것으로",
    };

    // 거/건/게/걸 after an adnominal ("하는 게", "할 거예요") are spoken forms of 것.
    private static readonly Dictionary<string, string> ThingForms = new(StringComparer.Ordinal)
    {
        ["거"] = "것",
        ["건"] = "것은",
        ["게"] = "것이",
        ["걸"] = "것을",
        ["거는"] = "것은",
        ["거를"] = "것을",
        ["거예요"] = "것이에요",
        ["거에요"] = "것이에요",
        ["거고"] = "것이고",
        ["거고요"] = "것이고요",
        ["건데"] = "것인데",
        ["건데요"] = "것인데요",
        ["걸로"] = "것으로",
        ["거라"] = "것이라",
        ["거라서"] = "것이라서",
        ["거라고"] = "것이라고",
        ["거면"] = "것이면",
        ["거죠"] = "것이죠",
        ["거지"] = "것이지",
        ["거지요"] = "것이지요",
        ["거니까"] = "것이니까",
    };

    private static readonly string[] RangExceptions = ["사랑", "자랑", "파랑", "노랑", "신랑", "방랑", "유랑"];
    private static readonly HashSet<string> Pronouns = new(["나", "너", "저", "얘", "걔", "쟤"], StringComparer.Ordinal);

    // "다음과 같이" means "as follows", not "together"; everywhere else 같이 reads as 함께.
    private static readonly HashSet<string> LikeMarkers = new(["다음과", "아래와", "위와", "이와", "그와", "앞과", "이처럼"], StringComparer.Ordinal);

    /// <summary>The remark as one 개조식 bullet ending in a single '.'; an empty remark stays empty.</summary>
    public static string Formalize(string text, EntryKind kind)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentences = SplitSentences(Clean(text));
        var bullets = new List<string>(sentences.Count);
        for (var i = 0; i < sentences.Count; i++)
        {
            var converted = ConvertSentence(sentences[i].Body, sentences[i].Question, kind, i == sentences.Count - 1);
            if (converted.Length > 0)
            {
                bullets.Add(converted);
            }
        }

        if (bullets.Count > 0)
        {
            return string.Join(' ', bullets);
        }

        // Nothing but filler or emoji: print what the member wrote rather than an empty bullet.
        var original = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return original.Length == 0 ? "" : WithPeriod(original);
    }

    private static string Clean(string text)
    {
        var kept = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsEmoji(rune.Value))
            {
                continue;
            }

            if (rune.Value is '\r' or '\n')
            {
                kept.Append('\n');
            }
            else if (Rune.IsControl(rune))
            {
                kept.Append(' ');
            }
            else
            {
                kept.Append(rune.Value switch
                {
                    '？' => "?",
                    '！' => "!",
                    _ => rune.ToString(),
                });
            }
        }

        var s = JamoRun().Replace(kept.ToString(), " ");
        s = Emoticon().Replace(s, " ");
        s = Ellipsis().Replace(s, "…");
        s = RepeatedTilde().Replace(s, "");
        s = TrailingTilde().Replace(s, "");
        s = RepeatedQuestion().Replace(s, "?");
        s = RepeatedBang().Replace(s, "!");
        s = RepeatedComma().Replace(s, ",");
        return Spaces().Replace(s, " ");
    }

    private static bool IsEmoji(int v) =>
        v is (>= 0x1F000 and <= 0x1FAFF) or (>= 0x2600 and <= 0x27BF) or (>= 0x2B00 and <= 0x2BFF)
            or (>= 0xFE00 and <= 0xFE0F) or 0x200D or 0x20E3 or (>= 0xE0000 and <= 0xE007F);

    private static List<(string Body, bool Question)> SplitSentences(string text)
    {
        var sentences = new List<(string, bool)>();
        foreach (var line in text.Split('\n'))
        {
            var start = 0;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                var boundary = c is '?' or '!' || (c == '.' && !(i > 0 && char.IsAsciiDigit(line[i - 1])));
                if (boundary && (i + 1 == line.Length || char.IsWhiteSpace(line[i + 1])))
                {
                    Add(line[start..i], c == '?');
                    start = i + 1;
                }
            }

            Add(line[start..], false);
        }

        return sentences;

        void Add(string body, bool question)
        {
            var trimmed = body.Trim().TrimEnd('.', '!', '?').Trim();
            if (trimmed.Length > 0)
            {
                sentences.Add((trimmed, question));
            }
        }
    }

    private static string ConvertSentence(string body, bool questionMark, EntryKind kind, bool isLast)
    {
        var s = LeadingFiller().Replace(body, "").Replace('…', ' ');
        var tokens = s.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (tokens.Count == 0)
        {
            return "";
        }

        if (!Hangul.ContainsHangul(s))
        {
            var foreign = string.Join(' ', tokens).TrimEnd(',', ';', ':');
            return questionMark ? Quote(foreign + "?") + " " + DraftingText.Inquiry + "." : WithPeriod(foreign);
        }

        tokens = NormalizeWords(tokens);
        if (tokens.Count == 0)
        {
            return "";
        }

        var tailStart = Math.Max(0, tokens.Count - TailTokens);
        var head = string.Join(' ', tokens.Take(tailStart));
        var tail = string.Join(' ', tokens.Skip(tailStart));
        var decoration = TrailingDecoration().Match(tail);
        var core = decoration.Success ? tail[..decoration.Index] : tail;
        var suffix = decoration.Success ? decoration.Value.TrimStart().TrimEnd(',', ';', ':', ' ') : "";
        if (core.Length == 0)
        {
            return WithPeriod(Join(head, tail.TrimEnd(',', ';', ':')));
        }

        var question = questionMark || LooksLikeQuestion(LastWord(core));
        var converted = ConvertEnding(core, kind, question, isLast);
        if (converted is null || PoliteEnding.IsPolite(converted))
        {
            var said = Join(head, core + suffix) + (questionMark ? "?" : "");
            return question || kind == EntryKind.Question
                ? Quote(said) + " " + DraftingText.Inquiry + "."
                : Quote(said) + DraftingText.QuotedOpinion + ".";
        }

        return WithPeriod(Join(head, converted + suffix));
    }

    // A '.' after a digit is not a sentence end ("8.5억", "2020. 9. 15."), so one may still close the text.
    private static string WithPeriod(string text) => text.TrimEnd('.') + ".";

    private static string Quote(string text) => DraftingText.QuoteOpen + text + DraftingText.QuoteClose;

    private static List<string> NormalizeWords(List<string> tokens)
    {
        var result = new List<string>(tokens.Count + 1);
        for (var i = 0; i < tokens.Count; i++)
        {
            var (pre, core, post) = SplitToken(tokens[i]);
            if (core.Length == 0)
            {
                result.Add(tokens[i]);
                continue;
            }

            if (core == "좀")
            {
                continue;
            }

            if (core.StartsWith("좀더", StringComparison.Ordinal))
            {
                core = core[1..];
            }

            core = Contract(core);
            core = Colloquial.GetValueOrDefault(core, core).Replace("얘기", "이야기", StringComparison.Ordinal);
            var previous = result.Count > 0 ? SplitToken(result[^1]).Core : "";
            if (IsAdnominal(previous) && ThingForms.TryGetValue(core, out var thing))
            {
                core = thing;
            }

            if (core == "같이" && !LikeMarkers.Contains(previous))
            {
                core = "함께";
            }

            core = ToParticleWith(ToParticleTo(core));
            if (core.EndsWith("해서", StringComparison.Ordinal))
            {
                core = core[..^2] + "하여";
            }

            if (i < tokens.Count - 1)
            {
                core = Connective(core, post);
            }

            if (core.Length > 2 && core[0] == '안' && (core[1] is '되' or '됩' or '된' or '됨'))
            {
                result.Add(pre + "안");
                result.Add(core[1..] + post);
                continue;
            }

            result.Add(pre + core + post);
        }

        return result;
    }

    private static (string Pre, string Core, string Post) SplitToken(string token)
    {
        var pre = TokenPrefix().Match(token).Length;
        var post = TokenSuffix().Match(token, pre);
        return (token[..pre], token[pre..post.Index], post.Value);
    }

    // 돼 is always 되어; spelled out it matches the 되어요/되어야 rules below ("활성화돼야" → "활성화되어야").
    private static string Contract(string word)
    {
        if (word.Contains("돼지", StringComparison.Ordinal))
        {
            return word;
        }

        var w = word.Replace("돼", "되어", StringComparison.Ordinal)
            .Replace("됐", "되었", StringComparison.Ordinal)
            .Replace("됬", "되었", StringComparison.Ordinal);
        if (w.EndsWith("되요", StringComparison.Ordinal) || w.EndsWith("되서", StringComparison.Ordinal))
        {
            w = w[..^1] + "어" + w[^1];
        }

        return w;
    }

    private static bool IsAdnominal(string word) =>
        word.Length > 0 && Hangul.IsSyllable(word[^1]) && Hangul.Final(word[^1]) is Hangul.FinalN or Hangul.FinalL;

    private static string ToParticleTo(string word)
    {
        var m = ParticleTo().Match(word);
        return m.Success ? m.Groups["w"].Value + "에게" + m.Groups["p"].Value : word;
    }

    // ~랑/~이랑 → ~와/~과, chosen by the final consonant of the word before it.
    private static string ToParticleWith(string word)
    {
        var m = ParticleWith().Match(word);
        if (!m.Success)
        {
            return word;
        }

        // A one-syllable word before 랑 is part of a noun (사랑, 신랑) unless it is a pronoun (나랑, 저랑).
        var stem = m.Groups["w"].Value + m.Groups["i"].Value;
        if ((stem.Length < 2 && !Pronouns.Contains(stem))
            || RangExceptions.Any(exception => (stem + "랑").EndsWith(exception, StringComparison.Ordinal)))
        {
            return word;
        }

        var particle = m.Groups["p"].Value == "은" ? "는" : m.Groups["p"].Value;
        var w = m.Groups["w"].Value;
        if (m.Groups["i"].Success)
        {
            return Hangul.EndsWithConsonantSound(w) ? w + "과" + particle : w + "이와" + particle;
        }

        return w + (Hangul.EndsWithConsonantSound(w) ? "과" : "와") + particle;
    }

    // Spoken connectives inside a sentence ("…보고요," "…같고요,") and polite clause endings before a comma.
    private static string Connective(string word, string post)
    {
        var w = word;
        if (w.EndsWith("보고요", StringComparison.Ordinal))
        {
            w = w[..^3] + "보며";
        }
        else if (w.EndsWith("고요", StringComparison.Ordinal) || w.EndsWith("구요", StringComparison.Ordinal))
        {
            w = w[..^2] + "고";
        }
        else if (w.Length > 2 && (w.EndsWith("데요", StringComparison.Ordinal) || w.EndsWith("서요", StringComparison.Ordinal)
            || w.EndsWith("면요", StringComparison.Ordinal) || w.EndsWith("지만요", StringComparison.Ordinal)
            || w.EndsWith("니까요", StringComparison.Ordinal)))
        {
            w = w[..^1];
        }

        if (w.Length >= 3 && w.EndsWith("니까", StringComparison.Ordinal)
            && !(Hangul.IsSyllable(w[^3]) && Hangul.Final(w[^3]) == Hangul.FinalB) && !w.EndsWith("습니까", StringComparison.Ordinal))
        {
            w = w[..^2] + "므로";
        }

        // A question clause before a comma ("줄인 건가요, 아니면 …") becomes an indirect question ("줄인 건지, 아니면 …").
        if (post.Contains(',', StringComparison.Ordinal) && w.Length >= 3 && LooksLikeQuestion(w))
        {
            if (w.EndsWith("가요", StringComparison.Ordinal))
            {
                return w[..^2] + "지";
            }

            if (w.EndsWith("나요", StringComparison.Ordinal))
            {
                return w[..^2] + "는지";
            }
        }

        if (post.Contains(',', StringComparison.Ordinal) && PoliteEnding.IsPolite(w) && Conjugation.TryPoliteStem(w, out var stem))
        {
            w = Conjugation.Nominalize(stem);
        }

        return w;
    }

    private static bool LooksLikeQuestion(string w)
    {
        if (w.EndsWith("까요", StringComparison.Ordinal) || w.EndsWith("습니까", StringComparison.Ordinal)
            || (w.Length >= 3 && w.EndsWith("나요", StringComparison.Ordinal)))
        {
            return true;
        }

        if (w.Length < 3)
        {
            return false;
        }

        var final = Hangul.Final(w[^3]);
        return (w.EndsWith("니까", StringComparison.Ordinal) && final == Hangul.FinalB)
            || (w.EndsWith("가요", StringComparison.Ordinal) && final == Hangul.FinalN)
            || (w.EndsWith("지요", StringComparison.Ordinal) && final is Hangul.FinalN or Hangul.FinalL);
    }

    private static string? ConvertEnding(string t, EntryKind kind, bool question, bool isLast)
    {
        if (TryRequest(t, out var request))
        {
            return request;
        }

        if (question)
        {
            var suggestion = SuggestionQuestion().Match(t);
            if (kind != EntryKind.Question && suggestion.Success)
            {
                return t[..suggestion.Index] + DraftingText.SuggestionOpinion;
            }

            var asked = QuestionEnding(t);
            return asked is null ? null : asked + " " + DraftingText.Inquiry;
        }

        var result = StatementEnding(t, kind);
        if (result is null)
        {
            return kind == EntryKind.Question && isLast && IsBareNoun(t) ? t + " " + DraftingText.Inquiry : t;
        }

        if (result.EndsWith("필요함", StringComparison.Ordinal))
        {
            result = result[..^1];
        }

        if (kind == EntryKind.Proposal && result.EndsWith("좋겠음", StringComparison.Ordinal))
        {
            result = result[..^1] + "다는 의견";
        }

        return result;
    }

    private static bool TryRequest(string t, out string request)
    {
        request = "";
        var m = Request().Match(t);
        if (m.Success)
        {
            var before = t[..m.Index].TrimEnd();
            var verb = m.Groups["verb"].Value;
            if (verb is "해" or "하여")
            {
                request = Join(before, DraftingText.Request);
                return before.Length > 0;
            }

            // "공유해" names the thing asked for (공유 요청); "말해" is a verb to keep (말해 줄 것을 요청).
            var noun = verb.EndsWith('해') ? verb[..^1] : verb.EndsWith("하여", StringComparison.Ordinal) ? verb[..^2] : null;
            request = noun is { Length: >= 2 }
                ? Join(Join(WithoutObjectParticle(before), noun), DraftingText.Request)
                : Join(Join(before, verb), DraftingText.RequestFor);
            return true;
        }

        // "협조 부탁드립니다" → "협조 요청"; "잘 부탁드립니다" is a greeting, not a request for anything.
        m = PleaseRequest().Match(t);
        if (m.Success && m.Groups["noun"].Value is not ("잘" or "꼭" or "많이"))
        {
            var noun = m.Groups["noun"];
            request = Join(Join(WithoutObjectParticle(t[..noun.Index].TrimEnd()), noun.Value), DraftingText.Request);
            return true;
        }

        m = RequestVerb().Match(t);
        if (m.Success)
        {
            request = t[..m.Index] + DraftingText.Request;
            return true;
        }

        return false;
    }

    // "자료를 공유 요청" reads better as "자료 공유 요청": drop 을/를 from the word right before the noun.
    private static string WithoutObjectParticle(string text)
    {
        var space = text.LastIndexOf(' ');
        var word = text[(space + 1)..];
        if (word.Length < 2)
        {
            return text;
        }

        var before = word[^2];
        var consistent = (word[^1] == '을' && Hangul.HasFinal(before)) || (word[^1] == '를' && Hangul.IsSyllable(before) && !Hangul.HasFinal(before));
        return consistent ? text[..(space + 1)] + word[..^1] : text;
    }

    private static string? QuestionEnding(string t)
    {
        var (before, w) = SplitLastWord(t);
        string? asked = null;
        string stem;
        if (w.EndsWith("어때요", StringComparison.Ordinal) || w.EndsWith("어떻습니까", StringComparison.Ordinal))
        {
            asked = w[..w.LastIndexOf('어')] + "어떤지";
        }
        else if (w.EndsWith("습니까", StringComparison.Ordinal) && w.Length > 3)
        {
            asked = Conjugation.QuestionForm(w[..^3]);
        }
        else if (Conjugation.EndsWithFinal(w, "니까", Hangul.FinalB))
        {
            asked = Conjugation.QuestionForm(w[..^3] + Hangul.WithFinal(w[^3], Hangul.NoFinal));
        }
        else if (w.EndsWith("까요", StringComparison.Ordinal) || w.EndsWith('까'))
        {
            var k = w.EndsWith("까요", StringComparison.Ordinal) ? w[..^2] : w[..^1];
            asked = k.Length > 0 && Hangul.IsSyllable(k[^1]) && Hangul.Final(k[^1]) == Hangul.FinalL ? k + "지" : null;
        }
        else if (w.Length >= 3 && w.EndsWith("나요", StringComparison.Ordinal))
        {
            stem = w[..^2];
            asked = stem.EndsWith('이') ? stem + "는지" : Conjugation.QuestionForm(stem);
        }
        else if (Conjugation.EndsWithFinal(w, "가요", Hangul.FinalN))
        {
            asked = w[..^2] + "지";
        }
        else if (w.Length >= 3 && w.EndsWith("지요", StringComparison.Ordinal) && Hangul.Final(w[^3]) is Hangul.FinalN or Hangul.FinalL)
        {
            asked = w[..^1];
        }
        else if (w.Length >= 2 && (w.EndsWith("지요", StringComparison.Ordinal) || w.EndsWith('죠')))
        {
            asked = Conjugation.QuestionForm(w.EndsWith('죠') ? w[..^1] : w[..^2]);
        }
        else if (Conjugation.TryPoliteStem(w, out stem))
        {
            asked = Conjugation.QuestionForm(stem);
        }
        else if (TopicOnly().Match(w) is { Success: true } topic && SubjectOrObjectParticleFits(topic.Groups["n"].Value, topic.Groups["p"].Value[0]))
        {
            asked = topic.Groups["n"].Value; // "인건비는요?" asks about 인건비
        }

        return asked is null ? null : Join(before, asked);
    }

    private static string? StatementEnding(string t, EntryKind kind)
    {
        var m = PastWish().Match(t);
        if (m.Success)
        {
            var w = m.Groups["w"].Value;
            var present = Conjugation.PresentConditional(w);
            if (present is not null || !m.Groups["tail"].Value.StartsWith('좋'))
            {
                return t[..m.Index] + (present ?? w + "으면") + " " + DraftingText.WishOpinion;
            }
        }

        m = MustNot().Match(t);
        if (m.Success && NegationStem(m.Groups["w"].Value) is { } negated)
        {
            return t[..m.Index] + negated + (m.Groups["probably"].Success ? DraftingText.MustNotProbably : DraftingText.MustNot);
        }

        m = MustDo().Match(t);
        if (m.Success)
        {
            return t[..(m.Index + 1)] + " " + DraftingText.Must;
        }

        m = WonderIf().Match(t);
        if (m.Success)
        {
            return t[..m.Index] + " " + DraftingText.WonderOpinion;
        }

        m = NeedEnding().Match(t);
        if (m.Success)
        {
            return t[..m.Index] + DraftingText.Need;
        }

        m = LetUs().Match(t);
        if (m.Success && Hangul.Final(m.Groups["w"].Value[^1]) == Hangul.FinalB)
        {
            var w = m.Groups["w"].Value;
            return t[..m.Index] + w[..^1] + Hangul.WithFinal(w[^1], Hangul.NoFinal) + DraftingText.LetUsOpinion;
        }

        m = WonderWhether().Match(t);
        if (m.Success)
        {
            return t[..m.Index] + " " + DraftingText.Inquiry;
        }

        if (kind == EntryKind.Question)
        {
            m = CuriousAbout().Match(t);
            if (m.Success && SubjectOrObjectParticleFits(m.Groups["n"].Value, m.Groups["p"].Value[0]))
            {
                return t[..m.Index] + m.Groups["n"].Value + " " + DraftingText.Inquiry;
            }

            m = AskingVerb().Match(t);
            if (m.Success)
            {
                return t[..m.Index] + DraftingText.Inquiry;
            }
        }

        m = Hearsay().Match(t);
        if (m.Success)
        {
            return t[..m.Index] + m.Groups["w"].Value + DraftingText.Hearsay;
        }

        m = PleaseDo().Match(t);
        if (m.Success)
        {
            return t[..m.Index] + m.Groups["w"].Value + DraftingText.PleaseDo;
        }

        var (before, last) = SplitLastWord(t);
        if (Conjugation.TryPoliteStem(last, out var stem) || Conjugation.TryPlainStem(last, out stem))
        {
            return Join(before, Conjugation.Nominalize(stem));
        }

        return null;
    }

    private static bool SubjectOrObjectParticleFits(string noun, char particle) =>
        noun.Length > 0 && (particle is '이' or '을' or '은' ? Hangul.EndsWithConsonantSound(noun) : !Hangul.EndsWithConsonantSound(noun));

    // "삭감되면 안 됩니다" → "삭감되지 않아야 함": the stem before ~(으)면. A double negative
    // ("…않으면 안 됩니다" = must) is left to the general rules.
    private static string? NegationStem(string w)
    {
        var stem = w.Length >= 2 && w.EndsWith('으') && Hangul.HasFinal(w[^2]) ? w[..^1] : w;
        return stem.Length == 0 || stem.EndsWith('않') ? null : stem;
    }

    private static bool IsBareNoun(string t)
    {
        var last = t[^1];
        return Hangul.IsSyllable(last) && Hangul.Final(last) != Hangul.FinalM && !PoliteEnding.IsPolite(t)
            && !t.EndsWith('다') && !t.EndsWith(DraftingText.Request, StringComparison.Ordinal)
            && !t.EndsWith(DraftingText.Inquiry, StringComparison.Ordinal) && !t.EndsWith("의견", StringComparison.Ordinal)
            && !t.EndsWith(DraftingText.Need, StringComparison.Ordinal);
    }

    private static (string Before, string Word) SplitLastWord(string t)
    {
        var space = t.LastIndexOf(' ');
        return space < 0 ? ("", t) : (t[..space], t[(space + 1)..]);
    }

    private static string LastWord(string t) => SplitLastWord(t).Word;

    private static string Join(string a, string b) => a.Length == 0 ? b : b.Length == 0 ? a : a + " " + b;

    [GeneratedRegex(@"[\u3131-\u318E]+(?:[._][\u3131-\u318E]+)*")]
    private static partial Regex JamoRun();

    [GeneratedRegex(@"\^[_\-.o]?\^+|;{2,}")]
    private static partial Regex Emoticon();

    [GeneratedRegex(@"(?:…|‥|\.{2,}|。{2,})+")]
    private static partial Regex Ellipsis();

    [GeneratedRegex(@"~{2,}")]
    private static partial Regex RepeatedTilde();

    [GeneratedRegex(@"~+(?=[\s.!?,…]|$)", RegexOptions.Multiline)]
    private static partial Regex TrailingTilde();

    [GeneratedRegex(@"[!?]*\?[!?]*")]
    private static partial Regex RepeatedQuestion();

    [GeneratedRegex(@"!{2,}")]
    private static partial Regex RepeatedBang();

    [GeneratedRegex(@",{2,}")]
    private static partial Regex RepeatedComma();

    [GeneratedRegex(@"[^\S\n]+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^(?:(?:음+|어+|아+|흠+|엄+|으음|저기요?|그러니까)(?=[\s,…~!]|$)[\s,…~!]*|그\s*[,…~][\s,…~]*)+")]
    private static partial Regex LeadingFiller();

    [GeneratedRegex(@"^(?:<[^<>]*>|[(""'‘“«「『\[{])*")]
    private static partial Regex TokenPrefix();

    [GeneratedRegex(@"(?:<[^<>]*>|[,;:)""'’”»」』\]}.!?])*$")]
    private static partial Regex TokenSuffix();

    [GeneratedRegex(@"(?:\s*(?:<[^<>]*>|[,;:)""'’”»」』\]}]))+$")]
    private static partial Regex TrailingDecoration();

    [GeneratedRegex(@"^(?<w>.+)한테(?<p>서|는|도|만)?$")]
    private static partial Regex ParticleTo();

    [GeneratedRegex(@"^(?<w>.+?)(?<i>이)?랑(?<p>은|는|도|만|의)?$")]
    private static partial Regex ParticleWith();

    [GeneratedRegex(@"(?<=^|\s)(?<verb>\S+?)\s?(?:주실\s?수\s?(?:있|없)\S*|주시겠\S*|주세요|주십시오|주시죠|주실래요|주시면\s?(?:좋겠|감사하겠|고맙겠)\S*|주셨으면(?:\s\S+)?|줄\s?수\s?(?:있|없)\S*|주(?:시)?기를?\s?바랍니다|주(?:시)?길\s?바랍니다|주면\s?좋겠\S*|줬으면(?:\s\S+)?|주었으면(?:\s\S+)?|줘요|주어요)$")]
    private static partial Regex Request();

    [GeneratedRegex(@"(?<=^|\s)(?<noun>\S+)\s?부탁(?:드립니다|드려요|드릴게요|드릴께요|합니다|해요|드림|함)$")]
    private static partial Regex PleaseRequest();

    [GeneratedRegex(@"요청(?:드립니다|드려요|합니다|해요|드림|함)$")]
    private static partial Regex RequestVerb();

    [GeneratedRegex(@"(?:어떨까요|어떨까|어떻습니까|어떤가요|어떠세요|어때요|어떨지요)$")]
    private static partial Regex SuggestionQuestion();

    [GeneratedRegex(@"(?<=^|\s)(?<w>\S+?)으면\s?(?<tail>합니다|해요|하네요|한다|함|하고요|좋겠\S*|싶\S*|바랍니다|바라요|바람)$")]
    private static partial Regex PastWish();

    [GeneratedRegex(@"(?<=^|\s)(?<w>\S+?)면\s?안\s?(?:(?<probably>될\s?것\s?같\S*)|됩니다|되어요|된다|되지요|되죠|되겠습니다|되고요|되어|됨)$")]
    private static partial Regex MustNot();

    [GeneratedRegex(@"야(?:\s?(?:됩니다|되어요|된다|되지요|되죠|되고요|됨|합니다|해요|한다|하죠|하지요|하고요)|죠|지요)$")]
    private static partial Regex MustDo();

    [GeneratedRegex(@"(?<=[까나])\s?(?:싶어요|싶습니다|싶네요|싶다|싶고요|싶음|합니다|해요|하네요)$")]
    private static partial Regex WonderIf();

    [GeneratedRegex(@"필요(?:합니다|해요|하다|하죠|하지요|하네요|하고요|함|하겠습니다|하겠어요|하겠네요)$")]
    private static partial Regex NeedEnding();

    [GeneratedRegex(@"(?<=^|\s)(?<w>\S*[가-힣])시다$")]
    private static partial Regex LetUs();

    [GeneratedRegex(@"(?<=지)\s?(?:궁금(?:합니다|해요|하네요|함|하다)|알고\s?싶(?:습니다|어요|네요|다|음))$")]
    private static partial Regex WonderWhether();

    [GeneratedRegex(@"(?<=^|\s)(?<n>\S+?)(?<p>[이가을를])\s?(?:궁금(?:합니다|해요|하네요|함|하다)|알고\s?싶(?:습니다|어요|네요|다|음))$")]
    private static partial Regex CuriousAbout();

    [GeneratedRegex(@"(?<=\S\s?)(?:질문|문의)(?:드립니다|드려요|합니다|해요|이요|있습니다|있어요|드림|함)$")]
    private static partial Regex AskingVerb();

    [GeneratedRegex(@"^(?<n>.+?)(?<p>[은는])요?$")]
    private static partial Regex TopicOnly();

    [GeneratedRegex(@"(?<=^|\s)(?<w>\S*[가-힣])대요$")]
    private static partial Regex Hearsay();

    [GeneratedRegex(@"(?<=^|\s)(?<w>\S*[가-힣])세요$")]
    private static partial Regex PleaseDo();
}
