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

    /// Every group (combination of the chosen facts), in natural order: 0–2 before 3–4 and so on.
    public List<StratumCount> Strata { get; set; } = [];

    /// Each chosen fact's totals on their own, with the proportional share each was owed. Empty on
    /// draws recorded before CaseAudit kept them.
    public List<GroupCount> Groups { get; set; } = [];

    public DateTime DrawnAt { get; set; }

    public string DrawnBy { get; set; } = "";
}

public sealed record StratumCount(string Stratum, int InPool, int InSample);

/// One value of one fact (Age band "0–2", say) across the pool and the sample; Share is
/// sample size × InPool / PoolSize, which InSample is kept within one of.
public sealed record GroupCount(string Fact, string Group, int InPool, int InSample, double Share);
