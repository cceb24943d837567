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

    [Theory]
    [InlineData("Nguy\uFFFEễn Văn\uFFFF An", "Nguyễn Văn An")]
    [InlineData("Hà\u0000\u0007 Nội\uFDD0", "Hà Nội")]
    [InlineData("Lê \U0001F600 Thu", "Lê \U0001F600 Thu")]
    public void Hostile_characters_are_dropped_instead_of_throwing(string typed, string expected)
    {
        Assert.Equal(expected, SearchText.Clean(typed));
        Assert.Equal(SearchText.Fold(expected), SearchText.Fold(typed));
    }

    [Fact]
    public void Unpaired_surrogates_are_dropped()
    {
        // Built at run time: an attribute's string would have them replaced by U+FFFD at compile time.
        var typed = "Tr" + '\uD800' + "ần" + '\uDC00' + " Bình";

        Assert.Equal("Trần Bình", SearchText.Clean(typed));
        Assert.Equal("tran binh", SearchText.Fold(typed));
    }
}
