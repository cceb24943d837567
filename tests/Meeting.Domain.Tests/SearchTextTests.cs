using System.Text;

namespace DoiThoai.Domain.Tests;

public class SearchTextTests
{
    [Fact]
    public void Fold_removes_diacritics_and_case_from_composed_text()
    {
        var composed = "Nguyễn Thị".Normalize(NormalizationForm.FormC);

        Assert.Equal("nguyen thi", SearchText.Fold(composed));
        Assert.True(SearchText.Matches(composed, "nguyen thi"));
    }

    [Fact]
    public void Fold_removes_diacritics_and_case_from_decomposed_text()
    {
        var decomposed = "Nguyễn Thị".Normalize(NormalizationForm.FormD);
        Assert.NotEqual("Nguyễn Thị".Normalize(NormalizationForm.FormC), decomposed);

        Assert.Equal("nguyen thi", SearchText.Fold(decomposed));
        Assert.True(SearchText.Matches(decomposed, "nguyen thi"));
        Assert.True(SearchText.Matches("Nguyễn Thị Hường", "NGUYỄN THỊ".Normalize(NormalizationForm.FormD)));
    }

    [Fact]
    public void Fold_turns_d_with_stroke_into_d()
    {
        Assert.Equal("dang dinh duong", SearchText.Fold("Đặng Đình đường"));
        Assert.True(SearchText.Matches("Thôn Đông", "dong"));
    }

    [Fact]
    public void Fold_collapses_and_trims_white_space()
    {
        Assert.Equal("tran van hung", SearchText.Fold("  Trần\tVăn \n  Hùng  "));
        Assert.Equal("", SearchText.Fold("   "));
        Assert.Equal("", SearchText.Fold(null));
    }

    [Fact]
    public void Clean_composes_trims_and_collapses_white_space_but_keeps_diacritics()
    {
        var typed = "  Nguyễn   Thị\tHường ".Normalize(NormalizationForm.FormD);

        var clean = SearchText.Clean(typed);

        Assert.Equal("Nguyễn Thị Hường".Normalize(NormalizationForm.FormC), clean);
        Assert.True(clean.IsNormalized(NormalizationForm.FormC));
    }
}
