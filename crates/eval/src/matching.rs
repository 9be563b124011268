//! One-to-one matching: a maximum bipartite matching (as many pairs as
//! possible), and among the maximum matchings one with the largest total
//! bonus (used to prefer, e.g., pairs whose entity ids agree).
//!
//! The graph is split into connected components; each component is solved
//! with the Hungarian algorithm (shortest augmenting paths) on weights
//! `BIG + bonus`, with `BIG` larger than the component's total bonus, so the
//! number of pairs always comes first.

/// Returns the matched `(left, right)` pairs, sorted by `left`. `edges` are
/// `(left, right, bonus)`; edges out of range are ignored, duplicate edges
/// keep their largest bonus.
pub fn max_matching(
    n_left: usize,
    n_right: usize,
    edges: &[(usize, usize, u32)],
) -> Vec<(usize, usize)> {
    let edges: Vec<(usize, usize, u32)> = edges
        .iter()
        .copied()
        .filter(|&(l, r, _)| l < n_left && r < n_right)
        .collect();
    if edges.is_empty() {
        return Vec::new();
    }
    // Union-find over left nodes 0..n_left and right nodes n_left..
    let mut parent: Vec<usize> = (0..n_left + n_right).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    for &(l, r, _) in &edges {
        let a = find(&mut parent, l);
        let b = find(&mut parent, n_left + r);
        if a != b {
            parent[a] = b;
        }
    }
    let mut comps: std::collections::BTreeMap<usize, Vec<(usize, usize, u32)>> =
        std::collections::BTreeMap::new();
    for &e in &edges {
        let root = find(&mut parent, e.0);
        comps.entry(root).or_default().push(e);
    }
    let mut out = Vec::new();
    for comp in comps.values() {
        out.extend(solve_component(comp));
    }
    out.sort_unstable();
    out
}

fn solve_component(edges: &[(usize, usize, u32)]) -> Vec<(usize, usize)> {
    let mut lefts: Vec<usize> = edges.iter().map(|e| e.0).collect();
    let mut rights: Vec<usize> = edges.iter().map(|e| e.1).collect();
    lefts.sort_unstable();
    lefts.dedup();
    rights.sort_unstable();
    rights.dedup();
    let total_bonus: i64 = edges.iter().map(|e| i64::from(e.2)).sum();
    let big = total_bonus + 1;
    // Rows must be the smaller side.
    let transpose = lefts.len() > rights.len();
    let (rows, cols) = if transpose {
        (&rights, &lefts)
    } else {
        (&lefts, &rights)
    };
    let n = rows.len();
    let m = cols.len();
    // cost[i][j] (1-based): minimise, so edges cost -(big + bonus), non-edges 0.
    let mut cost = vec![vec![0i64; m + 1]; n + 1];
    for &(l, r, b) in edges {
        let (row_key, col_key) = if transpose { (r, l) } else { (l, r) };
        let (Ok(i), Ok(j)) = (rows.binary_search(&row_key), cols.binary_search(&col_key)) else {
            continue;
        };
        let c = -(big + i64::from(b));
        if c < cost[i + 1][j + 1] {
            cost[i + 1][j + 1] = c;
        }
    }
    let assignment = hungarian(&cost, n, m);
    let mut out = Vec::new();
    for (j, &i) in assignment.iter().enumerate().skip(1) {
        if i == 0 || cost[i][j] == 0 {
            continue;
        }
        let (row_key, col_key) = (rows[i - 1], cols[j - 1]);
        out.push(if transpose {
            (col_key, row_key)
        } else {
            (row_key, col_key)
        });
    }
    out
}

/// Minimum-cost assignment of every row `1..=n` to a distinct column
/// `1..=m` (`n <= m`); returns `p` with `p[j]` = row assigned to column `j`
/// (0 = none).
fn hungarian(a: &[Vec<i64>], n: usize, m: usize) -> Vec<usize> {
    const INF: i64 = i64::MAX / 4;
    let mut u = vec![0i64; n + 1];
    let mut v = vec![0i64; m + 1];
    let mut p = vec![0usize; m + 1];
    let mut way = vec![0usize; m + 1];
    for i in 1..=n {
        p[0] = i;
        let mut j0 = 0usize;
        let mut minv = vec![INF; m + 1];
        let mut used = vec![false; m + 1];
        loop {
            used[j0] = true;
            let i0 = p[j0];
            let mut delta = INF;
            let mut j1 = 0usize;
            for j in 1..=m {
                if !used[j] {
                    let cur = a[i0][j] - u[i0] - v[j];
                    if cur < minv[j] {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if minv[j] < delta {
                        delta = minv[j];
                        j1 = j;
                    }
                }
            }
            for j in 0..=m {
                if used[j] {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
            if p[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beats_greedy() {
        // Greedy would take (0,0) and leave 1 unmatched.
        let m = max_matching(2, 2, &[(0, 0, 0), (0, 1, 0), (1, 0, 0)]);
        assert_eq!(m, vec![(0, 1), (1, 0)]);
    }

    #[test]
    fn bonus_breaks_ties_but_never_costs_a_pair() {
        let m = max_matching(2, 2, &[(0, 0, 5), (0, 1, 0), (1, 0, 0)]);
        assert_eq!(m.len(), 2);
        let m = max_matching(2, 2, &[(0, 0, 0), (0, 1, 3), (1, 1, 0)]);
        assert_eq!(m, vec![(0, 0), (1, 1)]);
        let m = max_matching(1, 2, &[(0, 0, 0), (0, 1, 3)]);
        assert_eq!(m, vec![(0, 1)]);
    }

    /// Best (pairs, bonus) over every matching, by exhaustive search.
    fn brute(
        n: usize,
        m: usize,
        w: &[Vec<Option<u32>>],
        i: usize,
        used: &mut Vec<bool>,
    ) -> (usize, u32) {
        if i == n {
            return (0, 0);
        }
        let mut best = brute(n, m, w, i + 1, used);
        for j in 0..m {
            if let (false, Some(b)) = (used[j], w[i][j]) {
                used[j] = true;
                let (c, s) = brute(n, m, w, i + 1, used);
                used[j] = false;
                best = best.max((c + 1, s + b));
            }
        }
        best
    }

    #[test]
    fn agrees_with_exhaustive_search_on_random_graphs() {
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..400 {
            let n = (next() % 6) as usize;
            let m = (next() % 6) as usize;
            let mut w = vec![vec![None; m]; n];
            let mut edges = Vec::new();
            for (i, row) in w.iter_mut().enumerate() {
                for (j, cell) in row.iter_mut().enumerate() {
                    if next() % 3 == 0 {
                        let b = (next() % 3) as u32;
                        *cell = Some(b);
                        edges.push((i, j, b));
                    }
                }
            }
            let got = max_matching(n, m, &edges);
            let mut seen_l = std::collections::HashSet::new();
            let mut seen_r = std::collections::HashSet::new();
            let mut bonus = 0;
            for &(l, r) in &got {
                assert!(seen_l.insert(l) && seen_r.insert(r), "not one-to-one");
                bonus += w[l][r].expect("pair must be an edge");
            }
            let want = brute(n, m, &w, 0, &mut vec![false; m]);
            assert_eq!((got.len(), bonus), want, "{edges:?}");
        }
    }

    #[test]
    fn more_left_than_right_and_out_of_range() {
        let m = max_matching(3, 1, &[(0, 0, 0), (1, 0, 1), (2, 0, 0), (5, 0, 0)]);
        assert_eq!(m, vec![(1, 0)]);
        assert!(max_matching(0, 0, &[]).is_empty());
    }
}
