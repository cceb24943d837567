using DoiThoai.Domain;

namespace DoiThoai.Web.Features.Preparation.Opinions;

/// <summary>The list's filter by where an opinion stands in the preparation.</summary>
public enum CollectedFilter { All, Unassigned, Preparing, Prepared, Late, Merged, OutOfTopic, Petition, NotWithin }

/// <summary>Pure helpers of the page: what each opinion's state is, what matches the filters, which look like duplicates.</summary>
public static class CollectedView
{
    public static string Label(this CollectedFilter filter) => filter switch
    {
        CollectedFilter.Unassigned => "Chưa phân công",
        CollectedFilter.Preparing => "Đang chuẩn bị trả lời",
        CollectedFilter.Prepared => "Đã có trả lời",
        CollectedFilter.Late => "Quá hạn chuẩn bị",
        CollectedFilter.Merged => "Đã gộp (trùng)",
        CollectedFilter.OutOfTopic => "Ngoài nội dung",
        CollectedFilter.Petition => "Đơn thư",
        CollectedFilter.NotWithin => "Không thuộc thẩm quyền",
        _ => "Tất cả",
    };

    public static bool IsLate(Opinion o, DateOnly today) => o.PreparedAnswer is null && o.PrepareDue is { } due && due < today;

    public static bool Matches(Opinion o, CollectedFilter filter, DateOnly today) => filter switch
    {
        CollectedFilter.Unassigned => o.MergedIntoId is null && o.LeadAssignment is null,
        CollectedFilter.Preparing => o.MergedIntoId is null && o.LeadAssignment is not null && o.PreparedAnswer is null,
        CollectedFilter.Prepared => o.MergedIntoId is null && o.PreparedAnswer is not null,
        CollectedFilter.Late => o.MergedIntoId is null && IsLate(o, today),
        CollectedFilter.Merged => o.MergedIntoId is not null,
        CollectedFilter.OutOfTopic => o.IsOutOfTopic,
        CollectedFilter.Petition => o.IsPetition,
        CollectedFilter.NotWithin => o.Authority != Authority.Within,
        _ => true,
    };

    /// <summary>Search without accents: "duong xom 3" finds "Đường xóm 3"; a number finds "ý kiến số N".</summary>
    public static bool Matches(Opinion o, string? query)
    {
        var q = SearchText.Fold(query);
        if (q.Length == 0) return true;
        if (int.TryParse(q, out var number) && number == o.Number) return true;
        var haystack = SearchText.Fold($"{o.SubmitterName} {o.SubmitterPlace} {o.Content} {o.LeadAssignment?.DepartmentName} {o.PreparedAnswer}");
        return q.Split(' ').All(word => haystack.Contains(word, StringComparison.Ordinal));
    }

    /// <summary>
    /// For each open opinion, an earlier open one with mostly the same words (two people asking for the same road),
    /// for the office to merge if it agrees. Short words ("đề nghị", "xã") weigh as much as the rest, so the bar is high.
    /// </summary>
    public static IReadOnlyDictionary<Guid, Opinion> LikelyDuplicates(IReadOnlyList<Opinion> collected)
    {
        var open = collected.Where(o => o.MergedIntoId is null).OrderBy(o => o.Number).ToList();
        var words = open.ToDictionary(o => o.Id, o => Words(o.Content));
        var result = new Dictionary<Guid, Opinion>();
        for (var i = 1; i < open.Count; i++)
        {
            Opinion? best = null;
            var bestScore = 0.0;
            for (var j = 0; j < i; j++)
            {
                var score = Dice(words[open[i].Id], words[open[j].Id]);
                if (score > bestScore) (best, bestScore) = (open[j], score);
            }
            if (best is not null && bestScore >= 0.7) result[open[i].Id] = best;
        }
        return result;
    }

    private static HashSet<string> Words(string text) =>
        SearchText.Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => new string(w.Where(char.IsLetterOrDigit).ToArray()))
            .Where(w => w.Length > 1).ToHashSet();

    private static double Dice(HashSet<string> a, HashSet<string> b) =>
        a.Count + b.Count == 0 ? 0 : 2.0 * a.Count(b.Contains) / (a.Count + b.Count);
}

/// <summary>The departments picked for an opinion (or a batch): the first picked leads unless another is chosen.</summary>
public sealed class DepartmentChoice
{
    public List<Guid> Selected { get; } = [];
    public Guid? Lead { get; set; }

    public static DepartmentChoice Of(Opinion? opinion)
    {
        var choice = new DepartmentChoice();
        if (opinion is null) return choice;
        choice.Selected.AddRange(opinion.Assignments.OrderByDescending(a => a.IsLead).Select(a => a.DepartmentId));
        choice.Lead = opinion.LeadAssignment?.DepartmentId;
        return choice;
    }

    public void Toggle(Guid id)
    {
        if (Selected.Remove(id))
        {
            if (Lead == id) Lead = Selected.Count > 0 ? Selected[0] : null;
            return;
        }
        Selected.Add(id);
        Lead ??= id;
    }

    public void Clear()
    {
        Selected.Clear();
        Lead = null;
    }
}
