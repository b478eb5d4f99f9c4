namespace MeetingBot.Host.Api;

/// <summary>
/// The workspace's one small script, progressive enhancement only: it shows the chosen photo before it is uploaded.
/// Every form works the same without it. Served as a file (<c>/staff/workspace.js</c>) so the pages'
/// Content-Security-Policy allows scripts from this site only and no inline script at all.
/// </summary>
public static class WorkspaceScript
{
    /// <summary>The route, under <c>/staff</c>.</summary>
    public const string FileName = "/workspace.js";

    private const string Source = """
        "use strict";
        // 올리기 전 사진 미리 보기: 고른 JPEG·PNG를 그 자리에서 보여 줄 뿐, 올리기는 양식이 그대로 합니다.
        (function () {
          var input = document.getElementById("photo-file");
          var preview = document.getElementById("photo-preview");
          if (!input || !preview || !window.FileReader) {
            return;
          }

          input.addEventListener("change", function () {
            var file = input.files && input.files[0];
            preview.hidden = true;
            preview.removeAttribute("src");
            if (!file || !/^image\/(jpeg|png)$/.test(file.type)) {
              return;
            }

            var reader = new FileReader();
            reader.onload = function () {
              preview.src = reader.result;
              preview.hidden = false;
            };
            reader.readAsDataURL(file);
          });
        })();
        """;

    private static readonly PageFile File = new(FileName, Source, "text/javascript; charset=utf-8");

    /// <summary>The link the workspace uses; its version changes with the content.</summary>
    public static string Href => File.Href;

    public static IResult Serve(HttpContext http) => File.Serve(http);
}
