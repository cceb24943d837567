namespace DoiThoai.LoadTool;

public sealed record Distribution(int Count, double P50, double P95, double P99, double Max)
{
    public static readonly Distribution Empty = new(0, double.NaN, double.NaN, double.NaN, double.NaN);

    /// <summary>Nearest-rank percentiles (sorts the list in place).</summary>
    public static Distribution Of(List<double> values)
    {
        if (values.Count == 0) return Empty;
        values.Sort();
        double At(double p) => values[Math.Clamp((int)Math.Ceiling(p * values.Count) - 1, 0, values.Count - 1)];
        return new Distribution(values.Count, At(0.50), At(0.95), At(0.99), values[^1]);
    }
}
