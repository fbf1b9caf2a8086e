using CaseAudit.Web.Domain.Rounds;

namespace CaseAudit.Tests.Domain.Rounds;

/// Properties of the draw over many seeded random pools: a deterministic loop (System.Random with
/// a fixed seed per pool), so a failure names the pool that broke it and reruns the same.
public sealed class StratifiedSamplerPropertyTests
{
    private const int Pools = 2_000;

    public static TheoryData<string[]> FactChoices() => new()
    {
        new[] { StratifiedSampler.AgeBand },
        new[] { StratifiedSampler.Level },
        new[] { StratifiedSampler.Category },
        new[] { StratifiedSampler.AgeBand, StratifiedSampler.Level },
        new[] { StratifiedSampler.AgeBand, StratifiedSampler.Category },
        new[] { StratifiedSampler.Level, StratifiedSampler.Category },
        new[] { StratifiedSampler.AgeBand, StratifiedSampler.Level, StratifiedSampler.Category },
    };

    [Theory]
    [MemberData(nameof(FactChoices))]
    public void Every_chosen_fact_and_every_group_stays_within_one_of_its_share(string[] facts)
    {
        var closest = 0;
        for (var p = 0; p < Pools; p++)
        {
            // HashCode.Combine is seeded per process, so the pool's seed is plain arithmetic.
            var random = new Random((p * 97) + string.Join("+", facts).Length);
            var pool = RandomPool(random);
            var size = RandomSize(random, pool.Count);
            var seed = random.Next(1, int.MaxValue);
            var what = $"pool {p} ({pool.Count} cases, sample {size}, seed {seed})";

            var draw = StratifiedSampler.Draw(pool, size, facts, seed);

            Assert.True(size == draw.Sample.Count, $"{what}: {draw.Sample.Count} drawn");
            Assert.True(draw.Sample.Select(c => c.Reference).Distinct().Count() == size, $"{what}: a case drawn twice");
            Assert.All(draw.Sample, c => Assert.Contains(c, pool));

            var strict = true;
            foreach (var fact in facts)
            {
                foreach (var group in pool.GroupBy(c => StratifiedSampler.StratumOf(c, [fact])))
                {
                    var share = (long)size * group.Count();
                    var inSample = draw.Sample.Count(c => StratifiedSampler.StratumOf(c, [fact]) == group.Key);
                    // Within one: |inSample − share| ≤ 1, in whole units of 1/N so nothing rounds.
                    Assert.True(Math.Abs((inSample * (long)pool.Count) - share) <= pool.Count,
                        $"{what}: {fact} {group.Key} has {inSample} for a share of {(double)share / pool.Count:0.00}");
                    strict &= inSample == share / pool.Count || inSample == (share + pool.Count - 1) / pool.Count;
                }
            }

            // Every group of the chosen facts together gets floor or ceil of its share.
            foreach (var stratum in draw.Record.Strata)
            {
                var share = (long)size * stratum.InPool;
                Assert.InRange(stratum.InSample, share / pool.Count, (share + pool.Count - 1) / pool.Count);
            }

            // One or two facts: floor or ceil always exists (see ControlledRounding) and is found.
            Assert.True(strict || facts.Length == 3, $"{what}: a fact's total is at share ± 1 where floor or ceil exists");
            closest += strict ? 1 : 0;
        }

        // Three facts sometimes cannot all be at floor or ceil, but that is rare in real pools.
        Assert.True(closest >= Pools * 0.99, $"{closest} of {Pools} pools with every fact at floor or ceil");
    }

    [Theory]
    [MemberData(nameof(FactChoices))]
    public void The_same_seed_and_pool_give_the_same_sample_whatever_order_the_pool_is_in(string[] facts)
    {
        for (var p = 0; p < Pools / 4; p++)
        {
            var random = new Random(p + 7919);
            var pool = RandomPool(random);
            var size = RandomSize(random, pool.Count);
            var seed = random.Next(1, int.MaxValue);
            var shuffled = pool.OrderBy(_ => random.Next()).ToList();

            var draw = StratifiedSampler.Draw(pool, size, facts, seed);
            var again = StratifiedSampler.Draw(shuffled, size, facts.Reverse(), seed);

            Assert.Equal(References(draw), References(again));
            Assert.Equal(draw.Record.Strata, again.Record.Strata);
            Assert.Equal(draw.Record.Groups, again.Record.Groups);
        }
    }

    [Fact]
    public void The_record_totals_are_the_sample_s_own_counts_in_natural_order()
    {
        string[] facts = [StratifiedSampler.AgeBand, StratifiedSampler.Level, StratifiedSampler.Category];
        for (var p = 0; p < Pools / 4; p++)
        {
            var random = new Random(p + 104729);
            var pool = RandomPool(random);
            var size = RandomSize(random, pool.Count);

            var draw = StratifiedSampler.Draw(pool, size, facts, p + 1);

            Assert.Equal(size, draw.Record.Strata.Sum(s => s.InSample));
            foreach (var fact in facts)
            {
                var groups = draw.Record.Groups.Where(g => g.Fact == fact).ToList();
                Assert.Equal(size, groups.Sum(g => g.InSample));
                Assert.Equal(pool.Count, groups.Sum(g => g.InPool));
                Assert.All(groups, g => Assert.Equal(draw.Sample.Count(c => StratifiedSampler.StratumOf(c, [fact]) == g.Group), g.InSample));
                Assert.All(groups, g => Assert.Equal((double)size * g.InPool / pool.Count, g.Share, 2));
                var known = fact == StratifiedSampler.AgeBand ? CaseFacts.AgeBands : fact == StratifiedSampler.Level ? CaseFacts.Levels : CaseFacts.NeglectCategories;
                var positions = groups.Select(g => known.ToList().IndexOf(g.Group)).Select(i => i < 0 ? int.MaxValue : i).ToList();
                Assert.Equal(positions.Order(), positions);
            }
        }
    }

    [Fact]
    public void Three_facts_that_cannot_all_be_at_floor_or_ceil_still_stay_within_one()
    {
        // Four one-case cells over three yes/no facts, sample 2: every group's share is exactly 1,
        // but any two of these four cells put 2 cases in one group and 0 in its other.
        int[][] cells = [[0, 0, 0], [0, 1, 1], [1, 0, 1], [1, 1, 0]];

        var places = ControlledRounding.Allocate([1, 1, 1, 1], cells, 2, [0, 1, 2, 3]);

        Assert.Equal(2, places.Sum());
        Assert.All(places, p => Assert.InRange(p, 0, 1));
        for (var fact = 0; fact < 3; fact++)
        {
            for (var value = 0; value < 2; value++)
            {
                Assert.InRange(cells.Select((c, i) => c[fact] == value ? places[i] : 0).Sum(), 0, 2);
            }
        }

        Assert.Contains(Enumerable.Range(0, 3), fact => cells.Where((c, i) => c[fact] == 0 && places[i] == 1).Count() != 1);
    }

    // Pools of 1 to 300 cases whose facts are skewed (some groups big, some tiny, some empty), with
    // missing values and cases with several categories or none, as real pools have.
    private static List<SampledCase> RandomPool(Random random)
    {
        var count = random.Next(4) switch
        {
            0 => random.Next(1, 12),
            1 => random.Next(12, 40),
            2 => random.Next(40, 120),
            _ => random.Next(120, 301),
        };
        var ageWeights = Weights(random, CaseFacts.AgeBands.Count + 1);
        var levelWeights = Weights(random, CaseFacts.Levels.Count + 1);
        var categoryWeights = Weights(random, CaseFacts.NeglectCategories.Count);
        return Enumerable.Range(1, count).Select(i =>
        {
            var age = Pick(random, ageWeights);
            var level = Pick(random, levelWeights);
            var categories = Enumerable.Range(0, random.Next(4) == 0 ? 0 : random.Next(1, 4))
                .Select(_ => CaseFacts.NeglectCategories[Pick(random, categoryWeights)]).Distinct().ToList();
            return new SampledCase
            {
                Reference = $"P-{i:0000}",
                AgeBand = age < CaseFacts.AgeBands.Count ? CaseFacts.AgeBands[age] : "",
                Level = level < CaseFacts.Levels.Count ? CaseFacts.Levels[level] : "",
                Categories = categories,
            };
        }).ToList();
    }

    private static int RandomSize(Random random, int poolSize) => random.Next(3) switch
    {
        0 => random.Next(1, Math.Min(poolSize, 20) + 1),
        1 => random.Next(1, Math.Min(poolSize, 60) + 1),
        _ => random.Next(1, poolSize + 1),
    };

    // Some values common, some rare, some absent altogether.
    private static double[] Weights(Random random, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => random.Next(4) == 0 ? 0 : Math.Pow(random.NextDouble(), 3))];

    private static int Pick(Random random, double[] weights)
    {
        var total = weights.Sum();
        if (total == 0)
        {
            return 0;
        }

        var x = random.NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            x -= weights[i];
            if (x < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    private static List<string> References(SampleDrawResult draw) => draw.Sample.Select(c => c.Reference).ToList();
}
