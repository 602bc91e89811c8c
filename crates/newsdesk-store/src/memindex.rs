//! The similarity index, mirrored in memory for the length of a run.
//!
//! The store keeps one row per indexed article (`corpus_keys`: its
//! position, id and keys as a little-endian `u32` array). Looking keys up
//! through SQL costs a B-tree descent per key and a row per member — with
//! ~56 keys per article and buckets of hundreds of members that was most
//! of the cost of `newsdesk ingest` at 10k articles. Here the whole index
//! is one sorted `Vec<u64>` of `(key << 32) | position` (8 bytes per
//! key, ~450 MB for a million articles), so a bucket is a contiguous run
//! found by two binary searches, and its most recent members are its
//! tail.
//!
//! Keys are truncated to 32 bits. Two different keys may then share a
//! bucket (about one key in 250 at a million articles): that only adds a
//! candidate, which exact scoring rejects; it never hides one.
//!
//! New entries go to a small sorted `recent` run, merged into `main` when
//! it grows past an eighth of it, so appending a step costs a sort of the
//! step and a merge of a few MB, not a re-sort of everything.

/// Truncates a stored index key to the 32 bits the mirror keeps.
pub(crate) fn key32(k: i64) -> u32 {
    let k = k as u64;
    (k ^ (k >> 32)) as u32
}

/// The in-memory mirror (see the module docs).
#[derive(Debug, Default)]
pub(crate) struct MemIndex {
    /// Sorted `(key << 32) | seq`.
    main: Vec<u64>,
    /// `dir[h]`: index in `main` of the first entry whose key's top
    /// [`MAIN_DIR_BITS`] bits are `>= h`: a bucket search starts in a
    /// range of a few dozen entries instead of the whole vector, which at
    /// tens of millions of entries saves a dozen cache misses per key.
    dir: Vec<u32>,
    /// The same for `recent` (which grows to an eighth of `main`), sized
    /// to it (see `recent_dir_bits`).
    recent_dir: Vec<u32>,
    /// Sorted, recently added entries, merged into `main` when large.
    recent: Vec<u64>,
    /// Article id and sketch by position, sorted by position.
    ids: Vec<(u32, Box<str>, Box<[u8]>)>,
    /// Positions already mirrored (bitset), so a row read twice (our own
    /// write seen again after another process committed) counts once.
    have: Vec<u64>,
    /// Highest `corpus_keys` row position read from the database.
    pub(crate) max_pos: i64,
    /// `PRAGMA data_version` when the mirror was last brought up to date.
    pub(crate) data_version: i64,
}

impl MemIndex {
    fn has(&self, seq: u32) -> bool {
        self.have
            .get(seq as usize / 64)
            .is_some_and(|w| w & (1 << (seq % 64)) != 0)
    }

    fn mark(&mut self, seq: u32) {
        let i = seq as usize / 64;
        if self.have.len() <= i {
            self.have.resize(i + 1, 0);
        }
        self.have[i] |= 1 << (seq % 64);
    }

    /// Number of articles mirrored.
    #[cfg(test)]
    pub(crate) fn articles(&self) -> usize {
        self.ids.len()
    }

    /// Adds articles `(position, id, keys)`; articles already present are
    /// skipped. Positions beyond `u32` are ignored (four billion articles).
    pub(crate) fn add<'a>(
        &mut self,
        rows: impl IntoIterator<Item = (i64, &'a str, &'a [u32], &'a [u8])>,
    ) {
        let mut fresh: Vec<u64> = Vec::new();
        for (seq, id, keys, sketch) in rows {
            let Ok(seq) = u32::try_from(seq) else {
                continue;
            };
            if self.has(seq) {
                continue;
            }
            self.mark(seq);
            let row = (seq, id.into(), sketch.into());
            match self.ids.last() {
                Some((last, _, _)) if *last > seq => {
                    let at = self.ids.partition_point(|(s, _, _)| *s < seq);
                    self.ids.insert(at, row);
                }
                _ => self.ids.push(row),
            }
            fresh.extend(keys.iter().map(|&k| ((k as u64) << 32) | seq as u64));
        }
        if fresh.is_empty() {
            return;
        }
        fresh.sort_unstable();
        fresh.dedup();
        if self.main.is_empty() && self.recent.is_empty() {
            self.main = fresh;
            self.rebuild_dir();
            return;
        }
        merge_into(&mut self.recent, &fresh);
        if self.recent.len() > (self.main.len() / 8).max(1 << 16) {
            let recent = std::mem::take(&mut self.recent);
            merge_into(&mut self.main, &recent);
            self.rebuild_dir();
        }
        self.recent_dir = build_dir(&self.recent, recent_dir_bits(self.recent.len()));
    }

    fn rebuild_dir(&mut self) {
        self.dir = build_dir(&self.main, MAIN_DIR_BITS);
    }

    /// The run of `main` entries with key `k`.
    fn main_bucket(&self, k: u32) -> &[u64] {
        dir_bucket(&self.main, &self.dir, k)
    }

    /// The run of `recent` entries with key `k`.
    fn recent_bucket(&self, k: u32) -> &[u64] {
        dir_bucket(&self.recent, &self.recent_dir, k)
    }

    fn row(&self, seq: u32) -> Option<(&str, &[u8])> {
        self.ids
            .binary_search_by_key(&seq, |(s, _, _)| *s)
            .ok()
            .map(|i| (&*self.ids[i].1, &*self.ids[i].2))
    }

    /// Articles sharing any of `keys`, with how many keys each shares,
    /// ordered by that count (descending) then id; at most
    /// `per_key_limit` members read per key, the most recent first.
    /// With each article's sketch.
    pub(crate) fn lookup(&self, keys: &[i64], per_key_limit: usize) -> Vec<(String, u32, Vec<u8>)> {
        let mut counted: Vec<(String, u32, Vec<u8>)> = self
            .counted(keys, per_key_limit, u32::MAX)
            .into_iter()
            .filter_map(|(s, n)| {
                self.row(s)
                    .map(|(id, sketch)| (id.to_string(), n, sketch.to_vec()))
            })
            .collect();
        counted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        counted
    }

    /// Positions of the members of `keys` (each key's `per_key` most
    /// recent at positions up to `until`), with how many of the keys each
    /// shares, sorted by position.
    fn counted(&self, keys: &[i64], per_key: usize, until: u32) -> Vec<(u32, u32)> {
        // A bucket is sorted by position: cut it at `until`.
        let upto = |b: &'_ [u64]| -> usize { b.partition_point(|&e| e as u32 <= until) };
        let mut ks: Vec<u32> = keys.iter().map(|&k| key32(k)).collect();
        ks.sort_unstable();
        ks.dedup();
        let mut seqs: Vec<u32> = Vec::new();
        for k in ks {
            let (main, recent) = (self.main_bucket(k), self.recent_bucket(k));
            take_recent(
                &main[..upto(main)],
                &recent[..upto(recent)],
                per_key,
                &mut seqs,
            );
        }
        seqs.sort_unstable();
        let mut out: Vec<(u32, u32)> = Vec::new();
        for s in seqs {
            match out.last_mut() {
                Some((last, n)) if *last == s => *n += 1,
                _ => out.push((s, 1)),
            }
        }
        out
    }

    /// The candidates of one article (see `Store::index_candidates`):
    /// members sharing a strong key, then those sharing `min_weak` weak
    /// keys, each group by shared count then most recent first; `exclude`
    /// left out; at most `max`. Borrowed from the mirror: a lookup reads
    /// thousands of bucket members, and only the few returned need an id.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn candidates(
        &self,
        strong: &[i64],
        weak: &[i64],
        exclude: &str,
        until: Option<i64>,
        per_key: usize,
        min_weak: u32,
        max: usize,
    ) -> Vec<(&str, u32, &[u8])> {
        let by_rank = |a: &(u32, u32), b: &(u32, u32)| b.1.cmp(&a.1).then(b.0.cmp(&a.0));
        let until = match until {
            None => u32::MAX,
            Some(u) if u < 0 => return Vec::new(),
            Some(u) => u.min(u32::MAX as i64) as u32,
        };
        let strong_hits = self.counted(strong, per_key, until);
        let mut weak_hits: Vec<(u32, u32)> = self
            .counted(weak, per_key, until)
            .into_iter()
            .filter(|&(s, n)| {
                n >= min_weak && strong_hits.binary_search_by_key(&s, |h| h.0).is_err()
            })
            .collect();
        let mut strong_hits = strong_hits;
        strong_hits.sort_unstable_by(by_rank);
        // One more than `max`: the querying article itself may be there.
        let want = max.saturating_add(1);
        if weak_hits.len() > want {
            weak_hits.select_nth_unstable_by(want - 1, by_rank);
            weak_hits.truncate(want);
        }
        weak_hits.sort_unstable_by(by_rank);
        strong_hits
            .into_iter()
            .chain(weak_hits)
            .filter_map(|(s, n)| self.row(s).map(|(id, sk)| (id, n, sk)))
            .filter(|(id, _, _)| *id != exclude)
            .take(max)
            .collect()
    }
}

/// Directory bits of `main`: 2^20 bins (4 MB) for up to ~60 million
/// entries (a million articles), a few dozen entries per bin.
const MAIN_DIR_BITS: u32 = 20;
/// Directory bits of `recent`, rebuilt after every step: about one bin
/// per 32 entries (a handful of entries per bucket search, as in `main`),
/// between 2^8 and 2^20 bins. Built by galloping, a rebuild costs a few
/// probes per bin.
fn recent_dir_bits(len: usize) -> u32 {
    (usize::BITS - (len / 32).leading_zeros()).clamp(8, MAIN_DIR_BITS)
}

/// `dir[h]`: index in `v` of the first entry whose key's top `bits` bits
/// are `>= h` (`2^bits + 1` entries). Empty past `u32::MAX` entries: the
/// lookups then search the whole vector.
fn build_dir(v: &[u64], bits: u32) -> Vec<u32> {
    if v.len() >= u32::MAX as usize {
        return Vec::new();
    }
    let bins = 1usize << bits;
    let mut dir = Vec::with_capacity(bins + 1);
    let mut i = 0usize;
    for h in 0..=bins as u64 {
        // Entries are sorted: bin `h` starts after every entry below it,
        // a few dozen entries past the last bin's start. Galloping from
        // there reads only nearby memory; a binary search over the rest
        // of the vector cost ~20 cache misses per bin (this runs after
        // every step for `recent`).
        let rest = &v[i..];
        let below = |e: &u64| (*e >> (64 - bits)) < h;
        let mut step = 1usize;
        while step < rest.len() && below(&rest[step - 1]) {
            step *= 2;
        }
        let lo = step / 2;
        i += lo + rest[lo..step.min(rest.len())].partition_point(below);
        dir.push(i as u32);
    }
    dir
}

/// The run of entries of `v` with key `k`, through its directory.
/// The directory tells its own size (`2^bits + 1` entries), so it can't
/// disagree with the bits a lookup uses.
fn dir_bucket<'a>(v: &'a [u64], dir: &[u32], k: u32) -> &'a [u64] {
    let bins = dir.len().saturating_sub(1);
    // No directory (none built yet, or too many entries): search it all.
    if !bins.is_power_of_two() {
        return bucket(v, k);
    }
    let h = k.checked_shr(32 - bins.trailing_zeros()).unwrap_or(0) as usize;
    match (dir.get(h), dir.get(h + 1)) {
        (Some(&lo), Some(&hi)) => bucket(&v[lo as usize..hi as usize], k),
        _ => bucket(v, k),
    }
}

/// The run of entries with key `k` (sorted by position).
fn bucket(v: &[u64], k: u32) -> &[u64] {
    let lo = v.partition_point(|&e| ((e >> 32) as u32) < k);
    // Buckets are mostly short: gallop from `lo` instead of searching the
    // rest of the vector.
    let rest = &v[lo..];
    let mut step = 1usize;
    while step < rest.len() && ((rest[step] >> 32) as u32) <= k {
        step *= 2;
    }
    let upto = step.min(rest.len());
    let hi = lo + (step / 2) + rest[step / 2..upto].partition_point(|&e| ((e >> 32) as u32) <= k);
    &v[lo..hi]
}

/// Pushes the positions of the `limit` most recent members of the union
/// of two buckets (each sorted by position) onto `out`.
fn take_recent(a: &[u64], b: &[u64], limit: usize, out: &mut Vec<u32>) {
    let (mut i, mut j, mut n) = (a.len(), b.len(), 0);
    while n < limit && (i > 0 || j > 0) {
        let take_a = match (i, j) {
            (0, _) => false,
            (_, 0) => true,
            _ => a[i - 1] >= b[j - 1],
        };
        let e = if take_a {
            i -= 1;
            a[i]
        } else {
            j -= 1;
            b[j]
        };
        out.push(e as u32);
        n += 1;
    }
}

/// Merges sorted `src` into sorted `dst` in place (from the back, so no
/// second copy of `dst` is needed), dropping nothing.
fn merge_into(dst: &mut Vec<u64>, src: &[u64]) {
    let n = dst.len();
    let m = src.len();
    if m == 0 {
        return;
    }
    // Grow by at least a quarter, so repeated merges don't reallocate
    // (and copy) the large vector every time.
    if dst.capacity() < n + m {
        dst.reserve((n + m - dst.capacity()).max(n / 4));
    }
    dst.resize(n + m, 0);
    let (mut i, mut j, mut w) = (n, m, n + m);
    while j > 0 {
        if i > 0 && dst[i - 1] > src[j - 1] {
            dst[w - 1] = dst[i - 1];
            i -= 1;
        } else {
            dst[w - 1] = src[j - 1];
            j -= 1;
        }
        w -= 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_keeps_order() {
        let mut d = vec![1, 4, 9];
        merge_into(&mut d, &[0, 4, 5, 10]);
        assert_eq!(d, vec![0, 1, 4, 4, 5, 9, 10]);
        let mut e: Vec<u64> = vec![];
        merge_into(&mut e, &[2, 3]);
        assert_eq!(e, vec![2, 3]);
    }

    #[test]
    fn lookup_counts_and_limits() {
        let mut m = MemIndex::default();
        let e: &[u8] = &[];
        m.add([
            (1, "a", &[1u32, 2, 3][..], e),
            (2, "b", &[2, 3][..], &[7u8][..]),
        ]);
        // Enough entries to go through `recent` and the merge.
        let many: Vec<(i64, String)> = (3..70_000).map(|i| (i, format!("x{i}"))).collect();
        let keys = [7u32];
        m.add(many.iter().map(|(s, id)| (*s, id.as_str(), &keys[..], e)));
        m.add([(2, "b", &[9u32][..], e)]); // already present: ignored
        m.add([(70_001, "c", &[2u32][..], e)]);
        let ids = |v: Vec<(String, u32, Vec<u8>)>| -> Vec<(String, u32)> {
            v.into_iter().map(|(a, b, _)| (a, b)).collect()
        };
        let hits = m.lookup(&[1, 2, 3], 10);
        assert_eq!(hits[1].2, vec![7u8]);
        assert_eq!(
            ids(hits),
            vec![
                ("a".to_string(), 3),
                ("b".to_string(), 2),
                ("c".to_string(), 1)
            ]
        );
        assert_eq!(ids(m.lookup(&[2], 1)), vec![("c".to_string(), 1)]);
        let r = ids(m.lookup(&[7], 2));
        assert_eq!(
            r,
            vec![("x69998".to_string(), 1), ("x69999".to_string(), 1)]
        );
        assert!(m.lookup(&[9], 5).is_empty());
        assert_eq!(m.articles(), 70_000);
    }

    #[test]
    fn candidates_rank_strong_then_weak() {
        let mut m = MemIndex::default();
        let e: &[u8] = &[];
        // Strong keys 1..; weak keys 100..
        m.add([
            (1, "me", &[1u32, 100, 101][..], e),
            (2, "old-strong", &[1, 100][..], &[9u8][..]),
            (3, "weak-two", &[100, 101][..], e),
            (4, "weak-one", &[101][..], e),
            (5, "new-strong", &[1][..], e),
            (6, "weak-two-newer", &[100, 101][..], e),
        ]);
        let c = m.candidates(&[1], &[100, 101], "me", None, 10, 2, 10);
        let ids: Vec<(&str, u32)> = c.iter().map(|(a, n, _)| (*a, *n)).collect();
        assert_eq!(
            ids,
            vec![
                ("new-strong", 1),
                ("old-strong", 1),
                ("weak-two-newer", 2),
                ("weak-two", 2)
            ]
        );
        assert_eq!(c[1].2, &[9u8][..]);
        assert_eq!(
            m.candidates(&[1], &[100, 101], "me", None, 10, 2, 3).len(),
            3
        );
        assert!(m.candidates(&[], &[101], "me", None, 10, 2, 3).is_empty());
    }

    #[test]
    fn candidates_stop_at_until() {
        let mut m = MemIndex::default();
        let e: &[u8] = &[];
        m.add([
            (1, "old", &[1u32][..], e),
            (2, "me", &[1][..], e),
            (3, "later", &[1][..], e),
        ]);
        let ids = |until| -> Vec<&str> {
            m.candidates(&[1], &[], "me", until, 10, 2, 10)
                .into_iter()
                .map(|c| c.0)
                .collect()
        };
        assert_eq!(ids(None), vec!["later", "old"]);
        assert_eq!(ids(Some(2)), vec!["old"]);
        assert!(ids(Some(0)).is_empty());
        assert!(ids(Some(-5)).is_empty());
        // The per-key window counts only what is before `until`.
        assert_eq!(
            m.candidates(&[1], &[], "x", Some(2), 1, 2, 10)
                .into_iter()
                .map(|c| c.0)
                .collect::<Vec<_>>(),
            vec!["me"]
        );
    }

    #[test]
    fn dir_matches_binary_search() {
        // Keys spread over the whole range, bins empty and crowded.
        let mut v: Vec<u64> = (0..5000u64)
            .map(|i| (i.wrapping_mul(0x9e37_79b9_7f4a_7c15) & !0xffff_ffff) | i)
            .chain((0..300).map(|i| (7u64 << 58) | i))
            .collect();
        v.sort_unstable();
        for bits in [1, 4, 10, 14] {
            let dir = build_dir(&v, bits);
            assert_eq!(dir.len(), (1 << bits) + 1);
            for (h, &at) in dir.iter().enumerate() {
                let want = v.partition_point(|&e| (e >> (64 - bits)) < h as u64);
                assert_eq!(at as usize, want, "bits {bits} bin {h}");
            }
        }
        assert_eq!(build_dir(&[], 4), vec![0; 17]);
    }

    /// Regression: after a first `add` (straight into `main`) the `recent`
    /// run has no directory; a lookup took 0 directory bits for it and
    /// shifted a key by 32 (overflow in debug builds).
    #[test]
    fn lookup_after_one_add_has_no_recent_directory() {
        let mut m = MemIndex::default();
        let e: &[u8] = &[];
        m.add([(1, "a", &[5u32, 6][..], e), (2, "b", &[6u32][..], e)]);
        let ids: Vec<(String, u32)> = m
            .lookup(&[6, 5], 10)
            .into_iter()
            .map(|(a, n, _)| (a, n))
            .collect();
        assert_eq!(ids, vec![("a".to_string(), 2), ("b".to_string(), 1)]);
    }

    #[test]
    fn bucket_edges() {
        let v = vec![(u32::MAX as u64) << 32 | 5, (u32::MAX as u64) << 32 | 6];
        assert_eq!(bucket(&v, u32::MAX).len(), 2);
        assert_eq!(bucket(&v, 0).len(), 0);
    }
}
