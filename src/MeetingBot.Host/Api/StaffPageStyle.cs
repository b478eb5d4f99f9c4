using System.Globalization;

namespace MeetingBot.Host.Api;

/// <summary>
/// The staff page's one stylesheet, embedded so the host needs no front-end build or static files, and served as a
/// file (<c>/staff/style.css</c>) so the pages' Content-Security-Policy allows no inline style at all.
/// </summary>
public static class StaffPageStyle
{
    /// <summary>Deepest report paragraph level with its own indent class (<c>lvl-N</c>); deeper ones indent as this.</summary>
    public const int MaxLevel = 9;

    /// <summary>The route, under <c>/staff</c>.</summary>
    public const string FileName = "/style.css";

    private const string Rules = """
        :root {
          --ink: #1d2430; --muted: #5b6575; --line: #d5dae2; --paper: #ffffff; --bg: #f3f5f8;
          --accent: #1f5aa6; --accent-ink: #ffffff; --ok: #1d7a46; --warn: #a05a00; --bad: #b3261e;
          --sans: "Pretendard", "Apple SD Gothic Neo", "Malgun Gothic", "맑은 고딕", "Noto Sans KR", "NanumGothic", "나눔고딕", sans-serif;
          --serif: "HCR Batang", "함초롬바탕", "휴먼명조", "Batang", "바탕", "Noto Serif KR", "NanumMyeongjo", "나눔명조", serif;
        }
        * { box-sizing: border-box; }
        body { margin: 0; background: var(--bg); color: var(--ink); font: 15px/1.6 var(--sans); word-break: keep-all; overflow-wrap: anywhere; }
        header.top { background: #15325c; color: #fff; padding: 12px 28px; display: flex; align-items: center; gap: 16px; }
        header.top a { color: #fff; text-decoration: none; font-weight: 700; }
        header.top form { margin-left: auto; }
        header.top button { background: transparent; color: #fff; border: 1px solid rgba(255,255,255,.5); border-radius: 4px; padding: 4px 12px; font: inherit; cursor: pointer; }
        main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 48px; }
        h1.page { font-size: 22px; margin: 4px 0 4px; }
        h2.page { font-size: 20px; margin: 4px 0 8px; }
        p.meta { color: var(--muted); margin: 0 0 18px; }
        a { color: var(--accent); }
        a.back { display: inline-block; margin-bottom: 8px; text-decoration: none; }
        section.card { background: var(--paper); border: 1px solid var(--line); border-radius: 8px; padding: 18px 22px; margin: 0 0 20px; }
        section.card > h2 { font-size: 17px; margin: 0 0 12px; }
        table.grid { width: 100%; border-collapse: collapse; }
        table.grid th, table.grid td { border-bottom: 1px solid var(--line); padding: 8px 10px; text-align: left; vertical-align: top; }
        table.grid th { background: #eef1f6; font-weight: 600; white-space: nowrap; }
        table.grid td.num { text-align: right; white-space: nowrap; }
        table.grid td.nowrap { white-space: nowrap; }
        table.grid tr.withdrawn td { color: var(--muted); }
        table.grid tr.withdrawn td.entry-text { text-decoration: line-through; }
        .badge { display: inline-block; padding: 1px 9px; border-radius: 999px; font-size: 13px; font-weight: 600; background: #e8ebf0; color: var(--ink); white-space: nowrap; }
        .badge.running { background: #dcefe3; color: var(--ok); }
        .badge.paused { background: #fdf0d9; color: var(--warn); }
        .badge.ended { background: #e3e9f5; color: #23406e; }
        .badge.notified { background: #dcefe3; color: var(--ok); }
        .badge.failed { background: #fbe2df; color: var(--bad); }
        .badge.written, .badge.pending { background: #fdf0d9; color: var(--warn); }
        .actions { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
        a.button, button.button { display: inline-block; padding: 7px 16px; border-radius: 6px; background: var(--accent); color: var(--accent-ink); text-decoration: none; font: inherit; font-weight: 600; border: 0; cursor: pointer; }
        a.button.secondary, button.button.secondary { background: #fff; color: var(--accent); border: 1px solid var(--accent); }
        .error { color: var(--bad); }
        .note { color: var(--muted); }
        p.origin { margin: 0 0 12px; padding: 8px 12px; border-radius: 6px; border: 1px solid var(--line); background: var(--paper); }
        p.origin.preview { border-color: #e8c98f; background: #fdf6e8; color: var(--warn); }
        p.origin.error { border-color: #eab1ab; background: #fbeceb; }
        ul.attempts { margin: 8px 0 0; padding-left: 20px; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0 0 10px; }
        dl.facts dt { color: var(--muted); }
        dl.facts dd { margin: 0; }
        dl.facts dd code { word-break: break-all; }
        code { font-family: "D2Coding", "NanumGothicCoding", ui-monospace, monospace; font-size: 13px; background: #f1f3f6; padding: 0 4px; border-radius: 3px; }
        .layout { display: grid; grid-template-columns: minmax(0, 820px) minmax(260px, 1fr); gap: 20px; align-items: start; }
        @media (max-width: 1100px) { .layout { grid-template-columns: 1fr; } }
        .side { position: sticky; top: 16px; }

        /* The report as on paper: serif body, symbol hierarchy with hanging symbols, ruled tables. */
        article.report { background: var(--paper); border: 1px solid var(--line); box-shadow: 0 1px 4px rgba(0,0,0,.06); padding: 40px 48px 48px; font-family: var(--serif); font-size: 16px; line-height: 1.7; }
        article.report h1.report-title { font-size: 22px; text-align: center; border-top: 3px double var(--ink); border-bottom: 3px double var(--ink); padding: 10px 0; margin: 0 0 26px; letter-spacing: .02em; }
        article.report h2.report-heading { font-size: 18px; margin: 26px 0 10px; font-family: var(--sans); }
        article.report h2.report-heading .numeral { display: inline-block; min-width: 1.5em; margin-right: .3em; padding: 0 .3em; background: #15325c; color: #fff; text-align: center; }
        article.report p.para { margin: 3px 0; display: flex; gap: .4em; }
        article.report p.para .sym { flex: none; }
        article.report p.para.subheading { font-weight: 700; margin-top: 12px; }
        article.report p.para.note { font-family: var(--sans); font-size: 14px; color: #333; }
        table.report-table { width: 100%; border-collapse: collapse; margin: 8px 0 14px; font-family: var(--sans); font-size: 14px; line-height: 1.5; table-layout: fixed; }
        table.report-table th, table.report-table td { border: 1px solid #444; padding: 5px 7px; vertical-align: middle; }
        table.report-table th { background: #eceff3; font-weight: 600; text-align: center; }
        table.report-table td { text-align: left; }

        /* The workspace: large type and large targets for older staff, a focus ring a keyboard user cannot miss. */
        main { font-size: 17px; }
        :focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; }
        .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
        a.button, button.button { min-height: 44px; padding: 9px 18px; font-size: 17px; }
        button.button.danger { background: #fff; color: var(--bad); border: 1px solid var(--bad); }
        p.done { margin: 0 0 14px; padding: 10px 14px; border-radius: 6px; background: #dcefe3; color: #124d2c; font-weight: 600; }
        p.error.stale { font-size: 19px; padding: 12px 16px; border: 2px solid var(--bad); border-radius: 6px; background: #fbeceb; }
        blockquote.yours { margin: 8px 0 16px; padding: 10px 14px; background: #fff; border-left: 4px solid var(--line); }
        nav.steps { display: flex; flex-wrap: wrap; gap: 8px 18px; margin: 0 0 16px; font-weight: 600; }
        form.combine .field { margin: 16px 0 12px; }
        label, .label { display: block; font-weight: 600; margin: 10px 0 4px; }
        input[type=text], textarea, select { width: 100%; padding: 8px 10px; font: inherit; font-size: 17px; border: 1px solid #8a93a3; border-radius: 6px; background: #fff; }
        input[type=checkbox] { width: 24px; height: 24px; }
        td.pick { text-align: center; width: 3em; }
        article.report.workspace { font-size: 17px; }
        article.report .item.lvl-1 { margin-left: 2em; }
        article.report .item.lvl-2 { margin-left: 4em; }
        article.report h3.part-title { font: 600 15px var(--sans); color: #23406e; margin: 10px 0 4px; }
        ol.bullets { list-style: none; margin: 4px 0 8px 2em; padding: 0; }
        li.bullet { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 4px 16px; padding: 8px 0; border-bottom: 1px dashed var(--line); }
        li.bullet p.bullet-text { margin: 0; display: flex; gap: .4em; }
        li.bullet p.bullet-text .by { color: var(--muted); }
        li.bullet.excluded p.bullet-text .text { text-decoration: line-through; color: var(--muted); }
        p.tag { margin: 4px 0; font: 14px var(--sans); color: var(--warn); }
        .bullet-side { font: 14px/1.5 var(--sans); color: #333; background: #f6f8fb; border-radius: 6px; padding: 6px 10px; }
        .bullet-side p { margin: 0 0 4px; }
        .bullet-side p.side-label { font-weight: 700; color: var(--muted); margin-top: 4px; }
        .bullet-side ul.originals { margin: 0 0 4px; padding-left: 18px; }
        details.edit, details.remark { margin: 6px 0; font-family: var(--sans); }
        details > summary { cursor: pointer; display: inline-block; padding: 6px 12px; border: 1px solid var(--accent); border-radius: 6px; color: var(--accent); font-weight: 600; min-height: 40px; }
        details[open] { background: #f6f8fb; border-radius: 6px; padding: 0 10px 10px; }
        details form { margin: 10px 0; }
        details form .button, section.photos form .button { margin-top: 8px; margin-right: 6px; }
        section.candidates { font-family: var(--sans); margin: 10px 0; padding: 8px 12px; border-left: 4px solid #8fa9cf; background: #f7f9fc; }
        section.candidates h4.candidates-title { margin: 0 0 4px; font-size: 15px; }
        section.candidates h4 .count { color: var(--muted); font-weight: 400; font-size: 14px; }
        ol.candidates { list-style: none; padding: 0; margin: 0; }
        li.candidate { padding: 8px 0; border-bottom: 1px dashed var(--line); }
        li.candidate p { margin: 0 0 4px; }
        li.candidate blockquote.spoken { margin: 4px 0 6px; padding: 4px 10px; border-left: 3px solid var(--line); background: #fff; white-space: pre-wrap; }
        li.candidate.ignored blockquote.spoken { color: var(--muted); text-decoration: line-through; }
        li.candidate .spoken-as, li.candidate p.decided { color: var(--muted); font-size: 14px; }
        li.candidate form { display: inline-flex; gap: 6px; align-items: center; margin: 0; }
        li.candidate form label, li.candidate form button { white-space: nowrap; }
        .badge.open { background: #fdf0d9; color: var(--warn); }
        .badge.accepted { background: #dcefe3; color: var(--ok); }
        .badge.ignored { background: #e8ebf0; color: var(--muted); }
        section.transcript { border-top: 1px solid var(--line); padding-top: 6px; }
        section.transcript h3 { font-size: 16px; margin: 6px 0; }
        section.transcript p { margin: 4px 0; }
        ul.dropped { padding-left: 18px; font-size: 14px; }
        ul.dropped li { margin: 3px 0; }
        section.photos { font-family: var(--sans); }
        figure.photo { margin: 18px 0 6px; text-align: center; }
        figure.photo img, img.preview { max-width: 100%; max-height: 360px; border: 1px solid var(--line); }
        figure.photo figcaption { font-size: 15px; margin-top: 4px; }
        form.upload { margin-top: 20px; padding: 12px 14px; border: 1px dashed #8a93a3; border-radius: 6px; }
        ul.versions { list-style: none; padding: 0; margin: 0 0 10px; }
        ul.versions li { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin: 6px 0; }
        ul.versions li .label { margin: 0 6px 0 0; }
        ul.diff li { margin: 4px 0; }
        del { color: var(--bad); }
        ins { color: var(--ok); text-decoration: none; font-weight: 600; }
        section.history td del, section.history td ins { white-space: pre-wrap; }

        form.login { max-width: 420px; margin: 60px auto; background: var(--paper); border: 1px solid var(--line); border-radius: 8px; padding: 26px 28px; }
        form.login h1 { font-size: 20px; margin: 0 0 8px; }
        form.login label { display: block; font-weight: 600; margin: 16px 0 6px; }
        form.login input[type=password] { width: 100%; padding: 8px 10px; font: inherit; border: 1px solid var(--line); border-radius: 6px; }
        form.login button { margin-top: 16px; width: 100%; }
        """;

    /// <summary>
    /// The rules, then the classes report paragraphs and table columns use instead of style attributes: two characters of
    /// indent per level as in the documents, and whole-percent column widths.
    /// </summary>
    public static readonly string Css = Rules
        + string.Concat(Enumerable.Range(0, MaxLevel + 1).Select(l => string.Create(CultureInfo.InvariantCulture, $"article.report p.para.lvl-{l} {{ margin-left: {l * 2}em; }}\n")))
        + string.Concat(Enumerable.Range(1, 100).Select(w => string.Create(CultureInfo.InvariantCulture, $"col.w-{w} {{ width: {w}%; }}\n")));

    private static readonly PageFile File = new(FileName, Css, "text/css; charset=utf-8");

    /// <summary>The link the pages use; its version changes with the content.</summary>
    public static string Href => File.Href;

    public static IResult Serve(HttpContext http) => File.Serve(http);
}
