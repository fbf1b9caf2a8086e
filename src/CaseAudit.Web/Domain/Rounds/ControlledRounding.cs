namespace CaseAudit.Web.Domain.Rounds;

/// Shares a sample's places between the cells of a pool (its groups, one per combination of the
/// chosen facts) so that every cell and every single fact's total is as close to its proportional
/// share as whole cases allow.
///
/// A cell holding p of the pool's N cases has the share s = n × p / N of a sample of n. Every cell
/// gets floor(s) or ceil(s) places, and the places add up to n exactly. Each fact's totals (all the
/// cells of one age band, say) are kept within one of their own share: floor or ceil when the
/// share has a fraction, and S − 1, S or S + 1 only when it is a whole number S.
///
/// Method: largest remainder over the cells, then marginal repair.
/// - Start from Hamilton's largest remainder on the cells: floor(s) each, and the places left one
///   each to the largest remainders, ties in a seeded random order (never by name or input order).
/// - With one fact the cells are the fact's groups, so that start is already the answer.
/// - With several facts the start can leave a fact's total off by more than one (each cell rounded
///   up in the same age band, say). A tabu search then swaps one rounded-up cell for one rounded-
///   down cell at a time (the total stays n, every cell stays at floor or ceil), taking the swap that
///   most reduces how far the fact totals are outside their bounds, preferring swaps that keep the
///   larger remainders, ties again by the seeded order; a cell just moved waits a few steps before
///   it may move back, so the search cannot cycle between two states.
/// - It first looks for every fact total at floor or ceil of its share (Cox's (1987) controlled
///   rounding). For two facts that always exists: the two partitions of the cells plus the total
///   form a totally unimodular system, so the unrounded shares, which meet every bound, lie in a
///   polytope whose corners are whole numbers. For three facts it need not exist: four one-case
///   cells (0,0,0), (0,1,1), (1,0,1), (1,1,0) over three yes/no facts, sample 2, give every cell
///   ½ and every fact's group a share of exactly 1, yet any 2 of the 4 cases put 2 in one group
///   and 0 in its other. So a whole-number share S may end at S ± 1, which is what "within one"
///   allows, and the search settles for that only when it finds no closer rounding.
///
/// The property tests (StratifiedSamplerPropertyTests) check the bounds over thousands of seeded
/// random pools of one, two and three facts.
public static class ControlledRounding
{
    /// How many swaps the repair may try before settling for its best rounding. In the property
    /// tests the repair needs at most a handful; the cap bounds the time a hostile pool can take.
    public const int MaxRepairSteps = 2_000;

    /// poolCounts[c] is the number of pool cases in cell c (at least 1); groups[c][k] is the index
    /// of cell c's group for fact k (any non-negative numbering per fact); order[c] is cell c's place
    /// in the seeded random order that breaks ties. Returns each cell's places.
    public static int[] Allocate(IReadOnlyList<int> poolCounts, IReadOnlyList<IReadOnlyList<int>> groups, int sampleSize, IReadOnlyList<int> order)
    {
        var cells = poolCounts.Count;
        var pool = poolCounts.Sum(c => (long)c);
        ArgumentOutOfRangeException.ThrowIfLessThan(pool, 1, nameof(poolCounts));
        ArgumentOutOfRangeException.ThrowIfNegative(sampleSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleSize, pool);

        // Shares in whole numbers of 1/N, so ties and whole-number shares are exact.
        var places = new int[cells];
        var remainder = new long[cells];
        for (var c = 0; c < cells; c++)
        {
            var share = (long)sampleSize * poolCounts[c];
            places[c] = (int)(share / pool);
            remainder[c] = share % pool;
        }

        var fractional = Enumerable.Range(0, cells).Where(c => remainder[c] > 0).ToArray();
        var roundUp = (int)(fractional.Sum(c => remainder[c]) / pool);
        if (roundUp == 0)
        {
            return places;
        }

        var search = new Repair(fractional, groups, remainder, pool, order);
        foreach (var c in search.Solve(roundUp))
        {
            places[c]++;
        }

        return places;
    }

    // The search over which fractional cells are rounded up. Indexes below are positions in
    // `cells` (the fractional cells); each fact's groups are renumbered into one list of bounds.
    private sealed class Repair
    {
        private readonly int[] _cells;
        private readonly long[] _remainder;
        private readonly int[] _order;
        private readonly int[][] _groupsOf;
        private readonly int[] _strictLow;
        private readonly int[] _strictHigh;
        private readonly int[] _looseLow;
        private readonly int[] _looseHigh;
        private readonly int[] _count;

        public Repair(int[] cells, IReadOnlyList<IReadOnlyList<int>> groups, long[] remainder, long pool, IReadOnlyList<int> order)
        {
            _cells = cells;
            _remainder = [.. cells.Select(c => remainder[c])];
            _order = [.. cells.Select(c => order[c])];

            var ids = new Dictionary<(int Fact, int Group), int>();
            _groupsOf = [.. cells.Select(c => groups[c].Select((g, fact) =>
            {
                if (!ids.TryGetValue((fact, g), out var id))
                {
                    id = ids.Count;
                    ids[(fact, g)] = id;
                }

                return id;
            }).ToArray())];

            var sums = new long[ids.Count];
            for (var i = 0; i < cells.Length; i++)
            {
                foreach (var id in _groupsOf[i])
                {
                    sums[id] += _remainder[i];
                }
            }

            // Bounds on how many of a group's fractional cells are rounded up: the group's own
            // remainder is sum / N places, so floor or ceil of that; a whole number may also be
            // one either side (the loose bounds).
            _strictLow = [.. sums.Select(s => (int)(s / pool))];
            _strictHigh = [.. sums.Select(s => (int)(s / pool) + (s % pool == 0 ? 0 : 1))];
            _looseLow = [.. sums.Select(s => s % pool == 0 ? Math.Max(0, (int)(s / pool) - 1) : (int)(s / pool))];
            _looseHigh = [.. sums.Select(s => (int)(s / pool) + 1)];
            _count = new int[ids.Count];
        }

        public IEnumerable<int> Solve(int roundUp)
        {
            var n = _cells.Length;
            var up = new bool[n];
            foreach (var i in Enumerable.Range(0, n).OrderByDescending(i => _remainder[i]).ThenBy(i => _order[i]).Take(roundUp))
            {
                Set(i, true, up);
            }

            var current = Outside();
            var best = current;
            var bestUp = (bool[])up.Clone();
            var waitUntil = new int[n];

            for (var step = 1; step <= MaxRepairSteps && best.Strict > 0; step++)
            {
                var chosen = (Out: -1, In: -1, Score: (Loose: int.MaxValue, Strict: int.MaxValue), Lost: long.MaxValue, Order: int.MaxValue);
                for (var o = 0; o < n; o++)
                {
                    if (!up[o])
                    {
                        continue;
                    }

                    for (var i = 0; i < n; i++)
                    {
                        if (up[i])
                        {
                            continue;
                        }

                        var score = Add(current, Change(o, i));
                        var waiting = waitUntil[o] > step || waitUntil[i] > step;
                        if (waiting && Compare(score, best) >= 0)
                        {
                            continue;
                        }

                        var lost = _remainder[o] - _remainder[i];
                        if (Compare(score, chosen.Score) < 0
                            || (Compare(score, chosen.Score) == 0 && (lost < chosen.Lost || (lost == chosen.Lost && _order[i] < chosen.Order))))
                        {
                            chosen = (o, i, score, lost, _order[i]);
                        }
                    }
                }

                if (chosen.Out < 0)
                {
                    break;
                }

                Set(chosen.Out, false, up);
                Set(chosen.In, true, up);
                current = chosen.Score;
                // A fixed wait plus a little that depends on the cells: enough to leave a local
                // minimum, short enough to come back to a good cell soon.
                waitUntil[chosen.Out] = step + 5 + (_order[chosen.Out] % 4);
                waitUntil[chosen.In] = step + 5 + (_order[chosen.In] % 4);
                if (Compare(current, best) < 0)
                {
                    best = current;
                    bestUp = (bool[])up.Clone();
                }
            }

            return Enumerable.Range(0, n).Where(i => bestUp[i]).Select(i => _cells[i]);
        }

        private void Set(int i, bool value, bool[] up)
        {
            up[i] = value;
            foreach (var id in _groupsOf[i])
            {
                _count[id] += value ? 1 : -1;
            }
        }

        private (int Loose, int Strict) Outside()
        {
            var loose = 0;
            var strict = 0;
            for (var id = 0; id < _count.Length; id++)
            {
                loose += Beyond(_count[id], _looseLow[id], _looseHigh[id]);
                strict += Beyond(_count[id], _strictLow[id], _strictHigh[id]);
            }

            return (loose, strict);
        }

        // How the distance outside the bounds changes if cell o is rounded down and cell i up.
        private (int Loose, int Strict) Change(int o, int i)
        {
            var loose = 0;
            var strict = 0;
            for (var fact = 0; fact < _groupsOf[o].Length; fact++)
            {
                var from = _groupsOf[o][fact];
                var to = _groupsOf[i][fact];
                if (from == to)
                {
                    continue;
                }

                loose += Moved(from, -1, _looseLow, _looseHigh) + Moved(to, 1, _looseLow, _looseHigh);
                strict += Moved(from, -1, _strictLow, _strictHigh) + Moved(to, 1, _strictLow, _strictHigh);
            }

            return (loose, strict);
        }

        private int Moved(int id, int by, int[] low, int[] high) =>
            Beyond(_count[id] + by, low[id], high[id]) - Beyond(_count[id], low[id], high[id]);

        private static int Beyond(int count, int low, int high) => count < low ? low - count : count > high ? count - high : 0;

        private static (int Loose, int Strict) Add((int Loose, int Strict) a, (int Loose, int Strict) b) => (a.Loose + b.Loose, a.Strict + b.Strict);

        // Staying within the loose bounds (the promise) comes first, then the strict ones.
        private static int Compare((int Loose, int Strict) a, (int Loose, int Strict) b) =>
            a.Loose != b.Loose ? a.Loose.CompareTo(b.Loose) : a.Strict.CompareTo(b.Strict);
    }
}
