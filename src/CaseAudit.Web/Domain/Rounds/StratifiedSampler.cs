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
            .Select(g => new Stratum(g.Key, g.OrderBy(c => c.Reference, StringComparer.Ordinal).ToList()))
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToList();

        var places = Allocate(strata, sampleSize, pool.Count);

        var sample = new List<SampledCase>(sampleSize);
        var counts = new List<StratumCount>(strata.Count);
        foreach (var stratum in strata)
        {
            var chosen = Choose(stratum, places[stratum.Name], seed);
            sample.AddRange(chosen);
            counts.Add(new StratumCount(stratum.Name, stratum.Cases.Count, chosen.Count));
        }

        var record = new SampleDraw
        {
            Seed = seed,
            SampleSize = sampleSize,
            StrataBy = [.. facts],
            Method = Method(facts, seed),
            PoolSize = pool.Count,
            Strata = counts,
        };

        return new SampleDrawResult(sample.OrderBy(c => c.Reference, StringComparer.Ordinal).ToList(), record);
    }

    /// The stratum a case falls in for the chosen facts, e.g. "5–11 / Child protection".
    public static string StratumOf(SampledCase @case, IReadOnlyList<string> facts)
    {
        if (facts.Count == 0)
        {
            return AllCases;
        }

        return string.Join(" / ", facts.Select(fact => fact switch
        {
            AgeBand => OrNotRecorded(@case.AgeBand),
            Level => OrNotRecorded(@case.Level),
            // A case can have several neglect categories but must sit in exactly one stratum, so
            // its first (main) category decides; the Method text says so.
            Category => @case.Categories.FirstOrDefault(c => !string.IsNullOrWhiteSpace(c))?.Trim() ?? NoCategory,
            _ => throw new ArgumentException($"Cannot stratify by {fact}.", nameof(facts)),
        }));
    }

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

    // Largest remainder (Hamilton): each stratum first gets floor(n × size / N); the places left go
    // one each to the largest remainders, ties to the larger stratum and then to the name, so the
    // allocation never depends on input order. Integer arithmetic keeps the remainders exact.
    private static Dictionary<string, int> Allocate(List<Stratum> strata, int sampleSize, int poolSize)
    {
        var places = new Dictionary<string, int>(StringComparer.Ordinal);
        var remainders = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var stratum in strata)
        {
            var share = (long)sampleSize * stratum.Cases.Count;
            places[stratum.Name] = (int)(share / poolSize);
            remainders[stratum.Name] = share % poolSize;
        }

        var left = sampleSize - places.Values.Sum();
        var byRemainder = strata
            .OrderByDescending(s => remainders[s.Name])
            .ThenByDescending(s => s.Cases.Count)
            .ThenBy(s => s.Name, StringComparer.Ordinal);

        // Only strata with a non-zero remainder are ever reached, and those have room for one more
        // (floor < share ≤ size); the size check is a guard, not a rule that changes the outcome.
        foreach (var stratum in byRemainder)
        {
            if (left == 0)
            {
                break;
            }

            if (places[stratum.Name] < stratum.Cases.Count)
            {
                places[stratum.Name]++;
                left--;
            }
        }

        return places;
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
        var text = $"Stratified random sample by {by}: places shared in proportion to each group's share of the pool (largest remainder), "
            + $"cases chosen within each group by a seeded shuffle (seed {seed}).";
        if (facts.Contains(Category))
        {
            text += $" A case's category is its first recorded neglect category (\"{NoCategory}\" if it has none).";
        }

        return text;
    }

    private sealed record Stratum(string Name, List<SampledCase> Cases);

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
