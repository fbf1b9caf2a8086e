using System.Security.Cryptography;
using System.Text;

namespace CaseAudit.Web.Domain.Rounds;

public sealed record SampleDrawResult(IReadOnlyList<SampledCase> Sample, SampleDraw Record);

/// Draws a stratified random sample from a pool of candidate cases, so the sample mirrors the
/// pool's mix of age bands, levels or categories, and can be repeated exactly from its seed.
public static class StratifiedSampler
{
    public const string AgeBand = "Age band";
    public const string Level = "Level";
    public const string Category = "Category";

    /// The facts a sample can be stratified by, in the order they make up a stratum's name.
    public static readonly IReadOnlyList<string> StrataChoices = [AgeBand, Level, Category];

    public const string AllCases = "All cases";
    public const string NoCategory = "None recorded";
    public const string NotRecorded = "Not recorded";

    /// A random positive seed for a new draw; the page stores it so the draw can be repeated.
    public static int NewSeed() => RandomNumberGenerator.GetInt32(1, int.MaxValue);

    /// DrawnAt and DrawnBy on the record are left for the caller. The sample holds the pool's own
    /// case objects, ordered by reference.
    public static SampleDrawResult Draw(IReadOnlyList<SampledCase> pool, int sampleSize, IEnumerable<string> strataBy, int seed)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(strataBy);

        if (sampleSize < 1 || sampleSize > pool.Count)
        {
            throw new ArgumentOutOfRangeException(
                nameof(sampleSize), sampleSize, $"The sample size must be between 1 and the number of cases in the pool ({pool.Count}).");
        }

        var facts = Canonical(strataBy);

        // The shuffle starts from the pool ordered by reference, so two cases with one reference
        // would make the draw depend on the order they were imported in; an import refuses them.
        var duplicate = pool.GroupBy(c => c.Reference, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"The pool has more than one case with the reference {duplicate.Key}.", nameof(pool));
        }

        var strata = pool
            .GroupBy(c => StratumOf(c, facts), StringComparer.Ordinal)
            .Select(g => new Stratum(g.Key, Values(g.First(), facts), g.OrderBy(c => c.Reference, StringComparer.Ordinal).ToList()))
            .OrderBy(s => s.Values, new NaturalOrder(facts))
            .ToList();

        var places = Allocate(strata, facts, sampleSize, seed);

        var sample = new List<SampledCase>(sampleSize);
        var counts = new List<StratumCount>(strata.Count);
        for (var i = 0; i < strata.Count; i++)
        {
            var chosen = Choose(strata[i], places[i], seed);
            sample.AddRange(chosen);
            counts.Add(new StratumCount(strata[i].Name, strata[i].Cases.Count, chosen.Count));
        }

        var record = new SampleDraw
        {
            Seed = seed,
            SampleSize = sampleSize,
            StrataBy = [.. facts],
            Method = Method(facts, seed),
            PoolSize = pool.Count,
            Strata = counts,
            Groups = GroupTotals(strata, places, facts, sampleSize, pool.Count),
        };

        return new SampleDrawResult(sample.OrderBy(c => c.Reference, StringComparer.Ordinal).ToList(), record);
    }

    /// A draw's groups in their natural order: each fact's values as CaseFacts lists them (age bands
    /// youngest first, levels from universal to looked after), anything else after them
    /// alphabetically, and "not recorded" last. For records stored before draws kept that order.
    public static IReadOnlyList<StratumCount> InNaturalOrder(IEnumerable<StratumCount> strata, IReadOnlyList<string> facts)
    {
        var order = new NaturalOrder(facts);
        return strata.OrderBy(s => facts.Count <= 1 ? [s.Stratum] : s.Stratum.Split(" / "), order).ToList();
    }

    /// The facts' values for a case, in the order of the facts, as they appear in its stratum name.
    private static string[] Values(SampledCase @case, IReadOnlyList<string> facts) =>
        facts.Count == 0 ? [AllCases] : [.. facts.Select(fact => ValueOf(@case, fact))];

    /// The stratum a case falls in for the chosen facts, e.g. "5–11 / Child protection".
    public static string StratumOf(SampledCase @case, IReadOnlyList<string> facts)
    {
        if (facts.Count == 0)
        {
            return AllCases;
        }

        return string.Join(" / ", facts.Select(fact => ValueOf(@case, fact)));
    }

    private static string ValueOf(SampledCase @case, string fact) => fact switch
    {
        AgeBand => OrNotRecorded(@case.AgeBand),
        Level => OrNotRecorded(@case.Level),
        // A case can have several neglect categories but must sit in exactly one stratum, so
        // its first (main) category decides; the Method text says so.
        Category => @case.Categories.FirstOrDefault(c => !string.IsNullOrWhiteSpace(c))?.Trim() ?? NoCategory,
        _ => throw new ArgumentException($"Cannot stratify by {fact}.", nameof(fact)),
    };

    private static string OrNotRecorded(string value) => string.IsNullOrWhiteSpace(value) ? NotRecorded : value.Trim();

    // Any order, any capitalisation, repeats ignored: the stratum names and the record always use
    // Age band, Level, Category in that order, so the same choice always gives the same draw.
    private static List<string> Canonical(IEnumerable<string> strataBy)
    {
        var chosen = strataBy.Select(s => s?.Trim() ?? "").ToList();
        var unknown = chosen.FirstOrDefault(s => !StrataChoices.Contains(s, StringComparer.OrdinalIgnoreCase));
        if (unknown is not null)
        {
            throw new ArgumentException($"Cannot stratify by \"{unknown}\": choose from {string.Join(", ", StrataChoices)}.", nameof(strataBy));
        }

        return StrataChoices.Where(f => chosen.Contains(f, StringComparer.OrdinalIgnoreCase)).ToList();
    }

    // Controlled rounding (see ControlledRounding): every group and every chosen fact's totals
    // within one of their proportional share. Ties are broken by a seeded random order of the
    // groups, drawn from the groups in natural order, so neither a group's name nor the order the
    // pool was imported in can favour it, and the same seed and pool always give the same places.
    private static int[] Allocate(List<Stratum> strata, List<string> facts, int sampleSize, int seed)
    {
        var valueIndex = facts.Select((_, k) => strata.Select(s => s.Values[k]).Distinct(StringComparer.Ordinal)
            .Select((v, i) => (v, i)).ToDictionary(x => x.v, x => x.i, StringComparer.Ordinal)).ToList();
        var groups = strata.Select(s => (IReadOnlyList<int>)[.. facts.Select((_, k) => valueIndex[k][s.Values[k]])]).ToList();
        return ControlledRounding.Allocate([.. strata.Select(s => s.Cases.Count)], groups, sampleSize, TieOrder(strata.Count, seed));
    }

    // A seeded Fisher–Yates permutation: order[i] is group i's place in the tie-break order. Its own
    // stream (the seed mixed with a constant), so it does not move the shuffles within groups.
    private static int[] TieOrder(int count, int seed)
    {
        var positions = Enumerable.Range(0, count).ToArray();
        var random = new SplitMix64(((ulong)(uint)seed << 32 | (uint)seed) ^ 0x5EED_0F_7135UL);
        for (var i = count - 1; i > 0; i--)
        {
            var j = (int)random.NextBelow((ulong)(i + 1));
            (positions[i], positions[j]) = (positions[j], positions[i]);
        }

        var order = new int[count];
        for (var place = 0; place < count; place++)
        {
            order[positions[place]] = place;
        }

        return order;
    }

    // Each chosen fact's totals, in natural order, with the share each was owed: what "kept in
    // proportion" promises, so the board can check it.
    private static List<GroupCount> GroupTotals(List<Stratum> strata, int[] places, List<string> facts, int sampleSize, int poolSize)
    {
        var totals = new List<GroupCount>();
        for (var k = 0; k < facts.Count; k++)
        {
            var fact = k;
            totals.AddRange(strata
                .Select((s, i) => (Value: s.Values[fact], InPool: s.Cases.Count, InSample: places[i]))
                .GroupBy(x => x.Value, StringComparer.Ordinal)
                .OrderBy(g => g.Key, new NaturalOrder([facts[fact]]))
                .Select(g =>
                {
                    var inPool = g.Sum(x => x.InPool);
                    return new GroupCount(facts[fact], g.Key, inPool, g.Sum(x => x.InSample), Math.Round((double)sampleSize * inPool / poolSize, 2));
                }));
        }

        return totals;
    }

    // A Fisher–Yates shuffle of the stratum (already ordered by reference), stopped once the first
    // `count` places are filled: those are a uniformly random choice of `count` cases.
    private static List<SampledCase> Choose(Stratum stratum, int count, int seed)
    {
        var cases = stratum.Cases.ToList();
        var random = new SplitMix64(StratumSeed(seed, stratum.Name));
        for (var i = 0; i < count; i++)
        {
            var j = i + (int)random.NextBelow((ulong)(cases.Count - i));
            (cases[i], cases[j]) = (cases[j], cases[i]);
        }

        return cases.Take(count).ToList();
    }

    // Each stratum has its own generator, from the seed and the stratum's name, so the cases
    // chosen in one group do not change when another group of the pool changes.
    private static ulong StratumSeed(int seed, string stratum)
    {
        // FNV-1a over the UTF-8 name: stable across runs and .NET versions, unlike string.GetHashCode.
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(stratum))
        {
            hash = unchecked((hash ^ b) * 1099511628211UL);
        }

        return hash ^ ((ulong)(uint)seed << 32 | (uint)seed);
    }

    private static string Method(List<string> facts, int seed)
    {
        if (facts.Count == 0)
        {
            return $"Simple random sample: cases chosen from the whole pool by a seeded shuffle (seed {seed}).";
        }

        var names = facts.Select(f => f.ToLowerInvariant()).ToList();
        var by = names.Count == 1 ? names[0] : $"{string.Join(", ", names[..^1])} and {names[^1]}";
        var text = facts.Count == 1
            ? $"Stratified random sample by {by}: places shared in proportion to each group's share of the pool (largest remainder, ties broken by the seed), "
            : $"Stratified random sample by {by}: places shared so that each group, and each {string.Join(", ", names[..^1])} and {names[^1]} on its own, is within one case of its proportional share (controlled rounding, ties broken by the seed), ";
        text += $"cases chosen within each group by a seeded shuffle (seed {seed}).";
        if (facts.Contains(Category))
        {
            text += $" A case's category is its first recorded neglect category (\"{NoCategory}\" if it has none).";
        }

        return text;
    }

    private sealed record Stratum(string Name, string[] Values, List<SampledCase> Cases);

    // Compares groups value by value, one fact at a time, each by its CaseFacts position.
    private sealed class NaturalOrder(IReadOnlyList<string> facts) : IComparer<string[]>, IComparer<string>
    {
        public int Compare(string[]? x, string[]? y)
        {
            x ??= [];
            y ??= [];
            for (var k = 0; k < Math.Min(x.Length, y.Length); k++)
            {
                var byValue = Compare(k < facts.Count ? facts[k] : "", x[k], y[k]);
                if (byValue != 0)
                {
                    return byValue;
                }
            }

            return x.Length.CompareTo(y.Length);
        }

        public int Compare(string? x, string? y) => Compare(facts.Count > 0 ? facts[0] : "", x ?? "", y ?? "");

        private static int Compare(string fact, string x, string y)
        {
            var byRank = Rank(fact, x).CompareTo(Rank(fact, y));
            return byRank != 0 ? byRank : StringComparer.Ordinal.Compare(x, y);
        }

        private static int Rank(string fact, string value)
        {
            if (value is NotRecorded or NoCategory)
            {
                return int.MaxValue;
            }

            var known = fact switch
            {
                AgeBand => CaseFacts.AgeBands,
                Level => CaseFacts.Levels,
                Category => CaseFacts.NeglectCategories,
                _ => [],
            };
            var index = known.ToList().IndexOf(value);
            return index >= 0 ? index : int.MaxValue - 1;
        }
    }

    // SplitMix64 (Steele, Lea and Flood, 2014). System.Random(seed) may give a different sequence
    // in a later .NET, which would stop a stored seed reproducing its draw; this never changes.
    private sealed class SplitMix64(ulong state)
    {
        private ulong _state = state;

        public ulong Next()
        {
            unchecked
            {
                _state += 0x9E3779B97F4A7C15UL;
                var z = _state;
                z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
                z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
                return z ^ (z >> 31);
            }
        }

        // Lemire's multiply-and-reject: uniform in [0, bound) with no modulo bias.
        public ulong NextBelow(ulong bound)
        {
            var threshold = unchecked(0UL - bound) % bound;
            while (true)
            {
                var product = (UInt128)Next() * bound;
                if ((ulong)product >= threshold)
                {
                    return (ulong)(product >> 64);
                }
            }
        }
    }
}
