using System.Security.Cryptography;

namespace DoiThoai.Domain;

public static class Tokens
{
    /// <summary>An unguessable URL-safe token (128 bits by default).</summary>
    public static string NewSecret(int bytes = 16) =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    // No 0/O, 1/I/L: people read it off a projector and type it.
    private const string ShortAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    /// <summary>A short code people can type from the projector (e.g. "GM7K2P").</summary>
    public static string NewShortCode(int length = 6) =>
        new(Enumerable.Range(0, length).Select(_ => ShortAlphabet[RandomNumberGenerator.GetInt32(ShortAlphabet.Length)]).ToArray());
}
