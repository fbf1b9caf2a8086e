namespace CaseAudit.Web.Domain.Rounds;

/// A record of one stratified random draw: enough to explain it to the board and to repeat it
/// exactly (same pool, same seed, same strata → same sample).
public sealed class SampleDraw
{
    public int Seed { get; set; }

    public int SampleSize { get; set; }

    /// Which case facts define the strata: any of "Age band", "Level", "Category".
    public List<string> StrataBy { get; set; } = [];

    public string Method { get; set; } = "";

    public int PoolSize { get; set; }

    public List<StratumCount> Strata { get; set; } = [];

    public DateTime DrawnAt { get; set; }

    public string DrawnBy { get; set; } = "";
}

public sealed record StratumCount(string Stratum, int InPool, int InSample);
