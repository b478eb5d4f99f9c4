using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MeetingBot.Reports.Review;

/// <summary>
/// A report under review as the text the store keeps: the draft as its report.json, then the bullets, photos and
/// counters. <see cref="Read"/> gives back what <see cref="Write"/> was given.
/// </summary>
public static class ReviewJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Write(ReviewedReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.Serialize(new StateDto(
            report.Id, ReportJson.Serialize(report.Draft), report.Bullets, report.Photos, report.Revision, report.ApprovedVersion,
            report.IsApproved, report.CreatedAt, report.BulletCount, report.PhotoCount, report.StaffRemarkCount)
        {
            Candidates = report.Candidates,
        }, Options);
    }

    /// <summary>Throws <see cref="JsonException"/> when the text is no such state.</summary>
    public static ReviewedReport Read(string json)
    {
        var dto = JsonSerializer.Deserialize<StateDto>(json, Options) ?? throw new JsonException("review state is empty (null).");
        using var draft = new MemoryStream(Encoding.UTF8.GetBytes(dto.Draft));
        return new ReviewedReport
        {
            Id = dto.Id,
            Draft = ReportJson.Read(draft),
            Bullets = dto.Bullets,
            Photos = dto.Photos,
            Revision = dto.Revision,
            ApprovedVersion = dto.ApprovedVersion,
            IsApproved = dto.IsApproved,
            CreatedAt = dto.CreatedAt,
            BulletCount = dto.BulletCount,
            PhotoCount = dto.PhotoCount,
            StaffRemarkCount = dto.StaffRemarkCount,
            Candidates = dto.Candidates ?? [],
        };
    }

    private sealed record StateDto(
        string Id, string Draft, IReadOnlyList<ReviewBullet> Bullets, IReadOnlyList<ReviewPhoto> Photos, int Revision, int ApprovedVersion,
        bool IsApproved, DateTimeOffset CreatedAt, int BulletCount, int PhotoCount, int StaffRemarkCount)
    {
        /// <summary>Absent in states stored before candidates were decided.</summary>
        public IReadOnlyList<CandidateDecision>? Candidates { get; init; }
    }
}
