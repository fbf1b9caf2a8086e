using CaseAudit.Web.Domain.Rounds;

namespace CaseAudit.Tests.Domain.Rounds;

public sealed class StratifiedSamplerTests
{
    private static readonly string[] ByAgeBand = [StratifiedSampler.AgeBand];

    [Fact]
    public void The_same_pool_seed_strata_and_size_give_the_same_sample()
    {
        var first = StratifiedSampler.Draw(MixedPool(), 12, [StratifiedSampler.AgeBand, StratifiedSampler.Level], 4821);
        var again = StratifiedSampler.Draw(MixedPool(), 12, [StratifiedSampler.AgeBand, StratifiedSampler.Level], 4821);

        Assert.Equal(References(first), References(again));
        Assert.Equal(first.Record.Strata, again.Record.Strata);
    }

    [Fact]
    public void The_order_the_pool_was_imported_in_does_not_change_the_sample()
    {
        var pool = MixedPool();
        var reversed = pool.AsEnumerable().Reverse().ToList();
        // Every third case first, then the rest: a different order again.
        var interleaved = pool.Where((_, i) => i % 3 == 0).Concat(pool.Where((_, i) => i % 3 != 0)).ToList();

        var expected = References(StratifiedSampler.Draw(pool, 12, [StratifiedSampler.AgeBand, StratifiedSampler.Level], 77));

        Assert.Equal(expected, References(StratifiedSampler.Draw(reversed, 12, [StratifiedSampler.AgeBand, StratifiedSampler.Level], 77)));
        Assert.Equal(expected, References(StratifiedSampler.Draw(interleaved, 12, [StratifiedSampler.AgeBand, StratifiedSampler.Level], 77)));
    }

    [Fact]
    public void The_order_strata_are_chosen_in_does_not_change_the_sample_or_the_stratum_names()
    {
        var ageThenLevel = StratifiedSampler.Draw(MixedPool(), 12, [StratifiedSampler.AgeBand, StratifiedSampler.Level], 9);
        var levelThenAge = StratifiedSampler.Draw(MixedPool(), 12, ["level", "Age band"], 9);

        Assert.Equal(References(ageThenLevel), References(levelThenAge));
        Assert.Equal(ageThenLevel.Record.Strata, levelThenAge.Record.Strata);
        Assert.Equal([StratifiedSampler.AgeBand, StratifiedSampler.Level], levelThenAge.Record.StrataBy);
        Assert.Contains(levelThenAge.Record.Strata, s => s.Stratum == "5–11 / Child protection");
    }

    [Fact]
    public void A_stored_seed_keeps_drawing_the_same_cases()
    {
        // Pinned output of the sampler's own generator (SplitMix64) and shuffle. If this changes, a
        // seed stored on an earlier round no longer reproduces that round's sample: don't update
        // the expected list without a plan for the rounds already drawn.
        var pool = Enumerable.Range(1, 100).Select(i => Case($"NS-{i:000}", "5–11", "Child in need")).ToList();

        var draw = StratifiedSampler.Draw(pool, 10, [], 4821);

        Assert.Equal(PinnedSampleForSeed4821, References(draw));
    }

    // Worked out independently (a Python SplitMix64, whose first output for state 0 is the
    // published 0xE220A8397B1DCDAF, with the same stratum seed and Lemire bounding).
    private static readonly string[] PinnedSampleForSeed4821 =
        ["NS-002", "NS-005", "NS-027", "NS-031", "NS-035", "NS-048", "NS-062", "NS-063", "NS-077", "NS-087"];

    [Fact]
    public void Two_different_seeds_draw_different_samples()
    {
        var pool = Enumerable.Range(1, 100).Select(i => Case($"NS-{i:000}", "5–11", "Child in need")).ToList();

        var seed1 = StratifiedSampler.Draw(pool, 10, [], 1);
        var seed2 = StratifiedSampler.Draw(pool, 10, [], 2);

        Assert.NotEqual(References(seed1).Order(StringComparer.Ordinal), References(seed2).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Each_case_is_equally_likely_to_be_chosen()
    {
        // Ten cases, one place, 10,000 seeds: each case should be chosen about 1,000 times (standard
        // deviation 30). A shuffle that could never pick the first or last case fails at once.
        var pool = Enumerable.Range(1, 10).Select(i => Case($"CA/{i:00}", "5–11", "Child in need")).ToList();

        var times = Enumerable.Range(1, 10_000)
            .Select(seed => StratifiedSampler.Draw(pool, 1, [], seed).Sample.Single().Reference)
            .GroupBy(r => r)
            .ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(10, times.Count);
        Assert.All(times.Values, n => Assert.InRange(n, 850, 1150));
    }

    [Fact]
    public void Places_are_shared_in_proportion_when_the_shares_are_whole_numbers()
    {
        // Pool 60 / 30 / 10 of 100, sample 10: shares 6, 3 and 1 exactly.
        var pool = Pool(("0–2", 60), ("5–11", 30), ("12–18", 10));

        var draw = StratifiedSampler.Draw(pool, 10, ByAgeBand, 3);

        Assert.Equal(6, InSample(draw, "0–2"));
        Assert.Equal(3, InSample(draw, "5–11"));
        Assert.Equal(1, InSample(draw, "12–18"));
    }

    [Fact]
    public void An_equal_remainder_is_broken_by_the_seed_not_by_the_name_or_the_size_of_the_group()
    {
        // Pool 7 / 7 / 6 of 20, sample 10: shares 3.5, 3.5 and 3.0. Whole parts 3 + 3 + 3 = 9, one
        // place left, and the remainders .5 and .5 tie. Before, "0–2" always won because it sorts
        // first; now each seed picks one, the same one every time, and over many seeds both win.
        var pool = Pool(("0–2", 7), ("3–4", 7), ("5–11", 6));

        var winners = Enumerable.Range(1, 200).Select(seed =>
        {
            var draw = StratifiedSampler.Draw(pool, 10, ByAgeBand, seed);
            var again = StratifiedSampler.Draw(pool, 10, ByAgeBand, seed);
            Assert.Equal(draw.Record.Strata, again.Record.Strata);
            Assert.Equal(3, InSample(draw, "5–11"));
            Assert.Equal(7, InSample(draw, "0–2") + InSample(draw, "3–4"));
            return InSample(draw, "0–2") == 4 ? "0–2" : "3–4";
        }).GroupBy(w => w).ToDictionary(g => g.Key, g => g.Count());

        Assert.InRange(winners.GetValueOrDefault("0–2"), 70, 130);
        Assert.InRange(winners.GetValueOrDefault("3–4"), 70, 130);

        // A tie between a bigger and a smaller group is no different: 3 / 5 / 2, sample 5, shares
        // 1.5, 2.5 and 1.0. The bigger group used to win every time.
        var uneven = Pool(("0–2", 3), ("5–11", 5), ("12–18", 2));
        var bigger = Enumerable.Range(1, 200).Count(seed => InSample(StratifiedSampler.Draw(uneven, 5, ByAgeBand, seed), "5–11") == 3);
        Assert.InRange(bigger, 70, 130);
    }

    [Fact]
    public void A_pool_of_12_6_6_6_gives_a_sample_of_8_within_one_of_each_share()
    {
        // Shares 3.2, 1.6, 1.6 and 1.6: 3 for 0–2 and two of the three others get 2, which the seed
        // decides. Never a band at 0 while another is over its share.
        var pool = Pool(("0–2", 12), ("3–4", 6), ("5–11", 6), ("12–18", 6));

        foreach (var seed in Enumerable.Range(1, 50))
        {
            var draw = StratifiedSampler.Draw(pool, 8, ByAgeBand, seed);

            Assert.Equal(3, InSample(draw, "0–2"));
            Assert.Equal([1, 2, 2], new[] { "3–4", "5–11", "12–18" }.Select(b => InSample(draw, b)).Order());
        }
    }

    [Fact]
    public void Groups_are_listed_youngest_first_and_by_level_of_intervention_not_alphabetically()
    {
        List<SampledCase> pool =
        [
            Case("CA/01", "12–18", "Looked after"), Case("CA/02", "5–11", "Child protection"), Case("CA/03", "3–4", "Universal"),
            Case("CA/04", "0–2", "Early help"), Case("CA/05", "", "Child in need"), Case("CA/06", "5–11", "Universal"),
        ];

        var draw = StratifiedSampler.Draw(pool, 3, [StratifiedSampler.AgeBand, StratifiedSampler.Level], 5);

        Assert.Equal(
            ["0–2 / Early help", "3–4 / Universal", "5–11 / Universal", "5–11 / Child protection", "12–18 / Looked after", "Not recorded / Child in need"],
            draw.Record.Strata.Select(s => s.Stratum));
        Assert.Equal(["0–2", "3–4", "5–11", "12–18", "Not recorded"], draw.Record.Groups.Where(g => g.Fact == StratifiedSampler.AgeBand).Select(g => g.Group));
        Assert.Equal(["Universal", "Early help", "Child in need", "Child protection", "Looked after"],
            draw.Record.Groups.Where(g => g.Fact == StratifiedSampler.Level).Select(g => g.Group));
    }

    [Fact]
    public void A_draw_recorded_in_alphabetical_order_is_listed_in_natural_order()
    {
        // Records stored before the natural order kept the groups sorted by name ("12–18" first).
        List<StratumCount> stored = [new("0–2 / Child in need", 3, 1), new("12–18 / Universal", 4, 2), new("2–4 / Child in need", 2, 1), new("5–11 / Child in need", 6, 2)];

        var listed = StratifiedSampler.InNaturalOrder(stored, [StratifiedSampler.AgeBand, StratifiedSampler.Level]);

        // The retired "2–4" is not a band any more, so it follows the known bands rather than vanish.
        Assert.Equal(["0–2 / Child in need", "5–11 / Child in need", "12–18 / Universal", "2–4 / Child in need"], listed.Select(s => s.Stratum));
        Assert.Equal(["0–2", "3–4", "5–11", "12–18"], StratifiedSampler.InNaturalOrder(
            [new("12–18", 1, 1), new("3–4", 1, 1), new("0–2", 1, 1), new("5–11", 1, 1)], [StratifiedSampler.AgeBand]).Select(s => s.Stratum));
    }

    [Fact]
    public void A_one_case_stratum_with_the_largest_remainder_gives_its_only_case()
    {
        // Pool 6 / 3 / 1 of 10, sample 7: shares 4.2, 2.1 and 0.7. Whole parts 4 + 2 + 0 = 6, one
        // place left; the largest remainder is the one-case stratum's .7, so it gets its only case.
        var pool = Pool(("0–2", 6), ("5–11", 3), ("12–18", 1));

        var draw = StratifiedSampler.Draw(pool, 7, ByAgeBand, 8);

        Assert.Equal(4, InSample(draw, "0–2"));
        Assert.Equal(2, InSample(draw, "5–11"));
        Assert.Equal(1, InSample(draw, "12–18"));
        Assert.Contains(draw.Sample, c => c.AgeBand == "12–18");
    }

    [Fact]
    public void Strata_too_small_for_a_place_are_recorded_with_none_in_the_sample()
    {
        // Pool 18 / 1 / 1 of 20, sample 5: shares 4.5, 0.25 and 0.25. Whole parts 4 + 0 + 0, and the
        // one place left goes to the largest remainder (.5). Result 5 / 0 / 0.
        var pool = Pool(("5–11", 18), ("0–2", 1), ("12–18", 1));

        var draw = StratifiedSampler.Draw(pool, 5, ByAgeBand, 21);

        Assert.Equal(5, InSample(draw, "5–11"));
        Assert.Equal(new StratumCount("0–2", 1, 0), draw.Record.Strata.Single(s => s.Stratum == "0–2"));
        Assert.Equal(new StratumCount("12–18", 1, 0), draw.Record.Strata.Single(s => s.Stratum == "12–18"));
        Assert.All(draw.Sample, c => Assert.Equal("5–11", c.AgeBand));
    }

    [Fact]
    public void A_sample_as_large_as_the_pool_takes_every_case()
    {
        var pool = Pool(("0–2", 4), ("5–11", 1), ("12–18", 2));

        var draw = StratifiedSampler.Draw(pool, pool.Count, ByAgeBand, 99);

        Assert.Equal(pool.Select(c => c.Reference).Order(StringComparer.Ordinal), References(draw));
        Assert.All(draw.Record.Strata, s => Assert.Equal(s.InPool, s.InSample));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_record_counts_match_the_sample_and_the_pool(int strataChoice)
    {
        string[][] choices =
        [
            [],
            [StratifiedSampler.AgeBand],
            [StratifiedSampler.AgeBand, StratifiedSampler.Level],
            [StratifiedSampler.AgeBand, StratifiedSampler.Level, StratifiedSampler.Category],
        ];
        var strataBy = choices[strataChoice];
        var pool = MixedPool();

        var draw = StratifiedSampler.Draw(pool, 13, strataBy, 1234);

        var facts = draw.Record.StrataBy;
        var inPool = pool.GroupBy(c => StratifiedSampler.StratumOf(c, facts)).ToDictionary(g => g.Key, g => g.Count());
        var inSample = draw.Sample.GroupBy(c => StratifiedSampler.StratumOf(c, facts)).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(inPool.Keys.Order(StringComparer.Ordinal), draw.Record.Strata.Select(s => s.Stratum).Order(StringComparer.Ordinal));
        Assert.All(draw.Record.Strata, s =>
        {
            Assert.Equal(inPool[s.Stratum], s.InPool);
            Assert.Equal(inSample.GetValueOrDefault(s.Stratum), s.InSample);
        });
        Assert.Equal(13, draw.Record.Strata.Sum(s => s.InSample));
        Assert.Equal(pool.Count, draw.Record.PoolSize);
        Assert.Equal(13, draw.Record.SampleSize);
        Assert.Equal(1234, draw.Record.Seed);
    }

    [Fact]
    public void The_sample_has_no_duplicates_and_only_cases_from_the_pool()
    {
        var pool = MixedPool();

        var draw = StratifiedSampler.Draw(pool, 20, [StratifiedSampler.AgeBand, StratifiedSampler.Level, StratifiedSampler.Category], 6);

        Assert.Equal(20, draw.Sample.Count);
        Assert.Equal(20, draw.Sample.Distinct().Count());
        Assert.All(draw.Sample, c => Assert.Contains(c, pool));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(41)]
    public void A_sample_size_outside_one_to_the_pool_size_is_refused(int size)
    {
        var pool = MixedPool();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => StratifiedSampler.Draw(pool, size, ByAgeBand, 1));

        Assert.Contains($"between 1 and the number of cases in the pool ({pool.Count})", error.Message);
    }

    [Fact]
    public void An_empty_pool_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StratifiedSampler.Draw([], 1, [], 1));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(40)]
    public void Sample_sizes_of_one_and_the_whole_pool_are_allowed(int size)
    {
        Assert.Equal(size, StratifiedSampler.Draw(MixedPool(), size, ByAgeBand, 1).Sample.Count);
    }

    [Fact]
    public void With_no_strata_the_whole_pool_is_one_group_and_the_sample_has_the_right_size()
    {
        var pool = MixedPool();

        var draw = StratifiedSampler.Draw(pool, 7, [], 31);

        Assert.Equal(7, draw.Sample.Count);
        Assert.Equal([new StratumCount(StratifiedSampler.AllCases, pool.Count, 7)], draw.Record.Strata);
        Assert.Empty(draw.Record.StrataBy);
        Assert.StartsWith("Simple random sample", draw.Record.Method);
        Assert.Contains("seed 31", draw.Record.Method);
    }

    [Fact]
    public void Category_strata_use_the_first_category_and_none_recorded_when_there_is_none()
    {
        List<SampledCase> pool =
        [
            Case("CA/01", "5–11", "Child in need", "Physical", "Emotional"),
            Case("CA/02", "5–11", "Child in need", "Physical"),
            Case("CA/03", "5–11", "Child in need", "Emotional", "Physical"),
            Case("CA/04", "5–11", "Child in need"),
        ];

        var draw = StratifiedSampler.Draw(pool, 4, [StratifiedSampler.Category], 2);

        Assert.Equal(
            [new StratumCount("Emotional", 1, 1), new StratumCount("Physical", 2, 2), new StratumCount("None recorded", 1, 1)],
            draw.Record.Strata);
        Assert.Contains("first recorded neglect category", draw.Record.Method);
    }

    [Fact]
    public void Stratum_names_join_the_chosen_facts_with_a_slash()
    {
        var @case = Case("CA/01", "5–11", "Child protection", "Physical", "Medical");

        Assert.Equal("5–11 / Child protection", StratifiedSampler.StratumOf(@case, [StratifiedSampler.AgeBand, StratifiedSampler.Level]));
        Assert.Equal(
            "5–11 / Child protection / Physical",
            StratifiedSampler.StratumOf(@case, [StratifiedSampler.AgeBand, StratifiedSampler.Level, StratifiedSampler.Category]));
        Assert.Equal("All cases", StratifiedSampler.StratumOf(@case, []));
    }

    [Fact]
    public void The_method_explains_the_draw_in_plain_english()
    {
        var draw = StratifiedSampler.Draw(MixedPool(), 10, [StratifiedSampler.Level, StratifiedSampler.AgeBand], 4821);

        Assert.Equal(
            "Stratified random sample by age band and level: places shared so that each group, and each age band and level on its own, "
            + "is within one case of its proportional share (controlled rounding, ties broken by the seed), "
            + "cases chosen within each group by a seeded shuffle (seed 4821).",
            draw.Record.Method);
        Assert.Equal(
            "Stratified random sample by age band: places shared in proportion to each group's share of the pool (largest remainder, ties broken by the seed), "
            + "cases chosen within each group by a seeded shuffle (seed 7).",
            StratifiedSampler.Draw(MixedPool(), 10, ByAgeBand, 7).Record.Method);
    }

    [Fact]
    public void An_unknown_stratum_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => StratifiedSampler.Draw(MixedPool(), 5, ["Postcode"], 1));

        Assert.Contains("Postcode", error.Message);
    }

    [Fact]
    public void A_pool_with_one_reference_twice_is_refused_because_the_draw_could_not_be_repeated()
    {
        List<SampledCase> pool = [Case("CA/01", "5–11", "Child in need"), Case("CA/01", "0–2", "Child in need"), Case("CA/02", "0–2", "Early help")];

        var error = Assert.Throws<ArgumentException>(() => StratifiedSampler.Draw(pool, 1, [], 1));

        Assert.Contains("CA/01", error.Message);
    }

    [Fact]
    public void New_seeds_are_positive_and_vary()
    {
        var seeds = Enumerable.Range(0, 50).Select(_ => StratifiedSampler.NewSeed()).ToList();

        Assert.All(seeds, s => Assert.True(s > 0));
        Assert.True(seeds.Distinct().Count() > 1);
    }

    private static SampledCase Case(string reference, string ageBand, string level, params string[] categories) =>
        new() { Reference = reference, AgeBand = ageBand, Level = level, Categories = [.. categories] };

    private static List<SampledCase> Pool(params (string AgeBand, int Count)[] strata) =>
        strata.SelectMany(s => Enumerable.Range(1, s.Count).Select(i => Case($"NS-{s.AgeBand}-{i:000}", s.AgeBand, "Child in need"))).ToList();

    // 40 cases spread unevenly over age bands, levels and first categories.
    private static List<SampledCase> MixedPool() =>
        Enumerable.Range(1, 40).Select(i => Case(
            $"NS-2024-{i:000}",
            CaseFacts.AgeBands[i % 4 == 0 ? 0 : i % 3 + 1],
            CaseFacts.Levels[i % 5 < 2 ? 2 : i % 5],
            i % 7 == 0 ? [] : [CaseFacts.NeglectCategories[i % 3], CaseFacts.NeglectCategories[6]])).ToList();

    private static int InSample(SampleDrawResult draw, string stratum) => draw.Record.Strata.Single(s => s.Stratum == stratum).InSample;

    private static List<string> References(SampleDrawResult draw) => draw.Sample.Select(c => c.Reference).ToList();
}
