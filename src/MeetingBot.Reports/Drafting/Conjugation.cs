namespace MeetingBot.Reports.Drafting;

/// <summary>
/// Korean verb and adjective forms built by syllable arithmetic: the stem behind a polite or plain
/// ending, its 개조식 noun form (~함/~음), its indirect-question form (~는지) and the present of a past
/// wish (~했으면 → ~하면). Tables list the irregular and adjective stems the rules must tell apart.
/// </summary>
internal static class Conjugation
{
    private static readonly HashSet<char> AdjectiveStems = [.. "좋많찮같적작높낮넓짧싫옳깊얕"];
    private static readonly HashSet<char> IrregularAdjectiveB = [.. "렵쉽롭럽깝겁갑답맙춥덥밉엽"];
    private static readonly HashSet<char> RegularB = [.. "잡뽑씹입업집좁접"];
    private static readonly HashSet<char> PlainStemSyllables = [.. "하되있없이겠같좋싶않많렵롭답쁘크렇"];
    private static readonly string[] AdjectiveNouns =
        ["가능", "필요", "충분", "적절", "타당", "적합", "중요", "확실", "유효", "유리", "불리", "곤란", "편리", "불편", "원활", "시급", "분명", "부족"];

    // The indirect-question form "~는지/~은지/~인지" of a stem, for "…문의".
    public static string? QuestionForm(string stem)
    {
        if (stem.Length == 0 || !Hangul.IsSyllable(stem[^1]))
        {
            return null;
        }

        var last = stem[^1];
        var head = stem[..^1];
        if (last == '이' || stem.EndsWith("아니", StringComparison.Ordinal))
        {
            return head + Hangul.WithFinal(last, Hangul.FinalN) + "지";
        }

        if (last == '하')
        {
            return AdjectiveNouns.Any(noun => head.EndsWith(noun, StringComparison.Ordinal)) ? head + "한지" : stem + "는지";
        }

        var final = Hangul.Final(last);
        if (final == Hangul.FinalL)
        {
            return head + Hangul.WithFinal(last, Hangul.NoFinal) + "는지";
        }

        if (final == Hangul.FinalB && IrregularAdjectiveB.Contains(last))
        {
            return head + Hangul.WithFinal(last, Hangul.NoFinal) + "운지";
        }

        return AdjectiveStems.Contains(last) ? stem + "은지" : stem + "는지";
    }

    /// <summary>
    /// "넓혔으면" → "넓히면", "마련했으면" → "마련하면": undoes the past tense of a wish. <paramref name="w"/> is
    /// the word before 으면 and must end in a syllable with final ㅆ; null when the stem cannot be told.
    /// </summary>
    public static string? PresentConditional(string w)
    {
        if (w.Length == 0 || !Hangul.IsSyllable(w[^1]) || Hangul.Final(w[^1]) != Hangul.FinalSs)
        {
            return null;
        }

        var last = w[^1];
        var head = w[..^1];
        var initial = Hangul.Initial(last);
        var medial = Hangul.Medial(last);
        string? stem;
        if (initial == Hangul.InitialNg && medial is Hangul.Eo or Hangul.A)
        {
            stem = head.Length > 0 ? head : null; // 먹었, 있었, 만들었: 었/았 is its own syllable
        }
        else if (initial == Hangul.InitialNg && medial == Hangul.Yeo)
        {
            stem = head.Length == 0 ? null : head.EndsWith('하') ? head : head + "이"; // 하였, 줄였
        }
        else
        {
            stem = medial switch
            {
                Hangul.Ae => head + (initial == Hangul.InitialH ? '하' : Hangul.Compose(initial, Hangul.Ae, 0)),
                Hangul.Yeo => head + (head.Length == 0 && last is '켰' or '폈' ? Hangul.Compose(initial, Hangul.Yeo, 0) : Hangul.Compose(initial, Hangul.I, 0)),
                Hangul.Wa => head + (head.EndsWith('도') && initial == Hangul.InitialNg ? "우" : Hangul.Compose(initial, Hangul.O, 0).ToString()),
                Hangul.Wo => head + Hangul.Compose(initial, Hangul.U, 0),
                Hangul.Wae or Hangul.Oe => head + Hangul.Compose(initial, Hangul.Oe, 0),
                Hangul.A or Hangul.Eo => UncontractedStem(head, Hangul.WithFinal(last, Hangul.NoFinal)),
                _ => null,
            };
        }

        if (stem is null || stem.Length == 0)
        {
            return null;
        }

        var end = stem[^1];
        return stem + (Hangul.HasFinal(end) && Hangul.Final(end) != Hangul.FinalL ? "으면" : "면");
    }

    // The stem behind a syllable that fused with 아/어: 몰라 → 모르, 바빠 → 바쁘, 써 → 쓰, 가 → 가.
    private static string UncontractedStem(string head, char fused)
    {
        var initial = Hangul.Initial(fused);
        var medial = Hangul.Medial(fused);
        if (initial == Hangul.InitialR && head.Length > 0 && Hangul.IsSyllable(head[^1]) && Hangul.Final(head[^1]) == Hangul.FinalL)
        {
            return head[..^1] + Hangul.WithFinal(head[^1], Hangul.NoFinal) + "르";
        }

        var toEu = medial == Hangul.A
            ? initial is Hangul.InitialPp or Hangul.InitialP && head.Length > 0
            : initial is Hangul.InitialSs or Hangul.InitialK or Hangul.InitialKk or Hangul.InitialTt or Hangul.InitialT or Hangul.InitialPp;
        return head + (toEu ? Hangul.WithMedial(fused, Hangul.Eu) : fused);
    }

    /// <summary>The verb or adjective stem of a word ending in a polite ending (있습니다 → 있, 필요해요 → 필요하).</summary>
    public static bool TryPoliteStem(string w, out string stem)
    {
        stem = "";
        if (w.Length < 2)
        {
            return false;
        }

        if (w.EndsWith("습니다", StringComparison.Ordinal))
        {
            stem = w[..^3];
        }
        else if (EndsWithFinal(w, "니다", Hangul.FinalB))
        {
            stem = w[..^3] + Hangul.WithFinal(w[^3], Hangul.NoFinal);
        }
        else if (w.EndsWith("이에요", StringComparison.Ordinal) || w.EndsWith("이예요", StringComparison.Ordinal))
        {
            stem = w[..^2];
        }
        else if (w.EndsWith("에요", StringComparison.Ordinal))
        {
            stem = w[..^2] + (w.EndsWith("아니에요", StringComparison.Ordinal) ? "" : "이");
        }
        else if (w.EndsWith("예요", StringComparison.Ordinal))
        {
            stem = w[..^2] + "이";
        }
        else if (w.EndsWith("는군요", StringComparison.Ordinal) || w.EndsWith("거든요", StringComparison.Ordinal)
            || w.EndsWith("잖아요", StringComparison.Ordinal) || w.EndsWith("는데요", StringComparison.Ordinal)
            || w.EndsWith("은데요", StringComparison.Ordinal))
        {
            stem = w[..^3];
        }
        else if (EndsWithFinal(w, "데요", Hangul.FinalN))
        {
            stem = w[..^3] + Hangul.WithFinal(w[^3], Hangul.NoFinal);
        }
        else if (w.EndsWith("군요", StringComparison.Ordinal) || w.EndsWith("네요", StringComparison.Ordinal)
            || w.EndsWith("지요", StringComparison.Ordinal) || w.EndsWith("고요", StringComparison.Ordinal)
            || w.EndsWith("구요", StringComparison.Ordinal))
        {
            stem = w[..^2];
        }
        else if (w.EndsWith('죠'))
        {
            stem = w[..^1];
        }
        else if (EndsWithFinal(w, "게요", Hangul.FinalL) || EndsWithFinal(w, "께요", Hangul.FinalL))
        {
            stem = w[..^3] + Hangul.WithFinal(w[^3], Hangul.NoFinal) + "겠";
        }
        else if (w.EndsWith("세요", StringComparison.Ordinal))
        {
            stem = w[..^2] + "시";
        }
        else if (w.EndsWith('요'))
        {
            stem = ContractedStem(w[..^1]) ?? "";
        }

        return stem.Length > 0 && Hangul.IsSyllable(stem[^1]);
    }

    // The stem inside a 해요체 word without its 요: 있어 → 있, 해 → 하, 어려워 → 어려우, 봐 → 보, 몰라 → 모르.
    private static string? ContractedStem(string w)
    {
        var p = w[^1];
        var head = w[..^1];
        if (!Hangul.IsSyllable(p) || Hangul.Final(p) != Hangul.NoFinal || w is "그래" or "이래" or "저래" || w.EndsWith("어때", StringComparison.Ordinal))
        {
            return null;
        }

        switch (p)
        {
            case '어' or '아':
                return head.Length > 0 && Hangul.IsSyllable(head[^1]) ? head : null;
            case '여':
                return head.EndsWith('하') ? head : null;
            case '해':
                return head + "하";
            case '워':
                return head + "우";
            case '와':
                return head + (head.EndsWith('도') ? "우" : "오");
            case '이':
                return head.Length > 0 ? w : null;
        }

        return Hangul.Medial(p) switch
        {
            Hangul.Wa => head + Hangul.WithMedial(p, Hangul.O),
            Hangul.Wo => head + Hangul.WithMedial(p, Hangul.U),
            Hangul.Wae => head + Hangul.WithMedial(p, Hangul.Oe),
            Hangul.Yeo => head + (head.Length == 0 && p is '켜' or '펴' ? p : Hangul.WithMedial(p, Hangul.I)),
            Hangul.Ae => w,
            Hangul.A or Hangul.Eo => UncontractedStem(head, p),
            _ => null,
        };
    }

    /// <summary>The stem of a plain (한다체) ending, for the verbs and adjectives that end remarks: 필요하다, 한다, 있다, 좋겠다.</summary>
    public static bool TryPlainStem(string w, out string stem)
    {
        stem = "";
        if (w.Length < 2 || !w.EndsWith('다'))
        {
            return false;
        }

        var p = w[^2];
        if (!Hangul.IsSyllable(p))
        {
            return false;
        }

        if (w.EndsWith("는다", StringComparison.Ordinal) && w.Length >= 3)
        {
            stem = w[..^2];
        }
        else if (Hangul.Final(p) == Hangul.FinalN)
        {
            stem = w[..^2] + Hangul.WithFinal(p, Hangul.NoFinal);
        }
        else if (PlainStemSyllables.Contains(p) || Hangul.Final(p) == Hangul.FinalSs || w.EndsWith("아니다", StringComparison.Ordinal))
        {
            stem = w[..^1];
        }

        return stem.Length > 0;
    }

    /// <summary>The 개조식 noun form of a stem: 하 → 함, 있 → 있음, 알 → 앎, 어렵 → 어려움, 그렇 → 그러함.</summary>
    public static string Nominalize(string stem)
    {
        var last = stem[^1];
        var head = stem[..^1];
        if (stem.EndsWith('렇'))
        {
            return head + Hangul.WithFinal(last, Hangul.NoFinal) + "함";
        }

        return Hangul.Final(last) switch
        {
            Hangul.NoFinal => head + Hangul.WithFinal(last, Hangul.FinalM),
            Hangul.FinalL => head + Hangul.WithFinal(last, Hangul.FinalLm),
            Hangul.FinalB when !RegularB.Contains(last) => head + Hangul.WithFinal(last, Hangul.NoFinal) + "움",
            _ => stem + "음",
        };
    }

    public static bool EndsWithFinal(string w, string ending, int final) =>
        w.Length > ending.Length && w.EndsWith(ending, StringComparison.Ordinal)
        && Hangul.IsSyllable(w[^(ending.Length + 1)]) && Hangul.Final(w[^(ending.Length + 1)]) == final;
}
