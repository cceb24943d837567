namespace DoiThoai.Domain.Tests;

public class TokensTests
{
    private const string ShortAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    [Fact]
    public void NewShortCode_is_six_characters_from_the_easy_to_read_alphabet()
    {
        for (var i = 0; i < 200; i++)
        {
            var code = Tokens.NewShortCode();

            Assert.Equal(6, code.Length);
            Assert.All(code, c => Assert.Contains(c, ShortAlphabet));
            Assert.DoesNotContain(code, c => c is '0' or 'O' or '1' or 'I' or 'L');
        }
    }

    [Fact]
    public void NewShortCode_is_unique_over_1000_codes()
    {
        var codes = Enumerable.Range(0, 1000).Select(_ => Tokens.NewShortCode()).ToList();

        // 31^6 ≈ 8.9e8 codes: one birthday collision among 1000 has p ≈ 6e-4, two have p ≈ 2e-7.
        // Allow one so the test is not flaky; a broken generator (fixed seed, tiny range) fails by far.
        Assert.True(codes.Distinct().Count() >= 999, $"only {codes.Distinct().Count()} distinct codes of 1000");
    }

    [Fact]
    public void NewSecret_is_url_safe_and_unique_over_1000_tokens()
    {
        var secrets = Enumerable.Range(0, 1000).Select(_ => Tokens.NewSecret()).ToList();

        Assert.Equal(1000, secrets.Distinct().Count());
        Assert.All(secrets, s => Assert.Matches("^[A-Za-z0-9_-]{22}$", s));
    }

}
