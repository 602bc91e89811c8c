//! MinHash signatures stored with each article, and the LSH keys derived
//! from them.
//!
//! Two signatures of [`K`] values each, from the same sets
//! `newsdesk_crosscheck::fingerprint` scores with: word 5-gram shingles
//! (verbatim copies) and content words (rewrites, same-story articles).
//! Stored as bytes (`SIGNATURE_BYTES` long: a version byte, then both
//! signatures as little-endian u64), so a later version can change the
//! hashing and still recognise old rows.
//!
//! LSH keys, one `i64` per band, go to the store's index table: 16 bands
//! × 4 rows over the shingle signature (finds pairs with shingle Jaccard
//! ≳ 0.5), 24 bands × 2 rows over the content-word signature (finds
//! vocabulary Jaccard ≳ 0.25, i.e. rewrites and related reports), and one
//! key per folded entity name (story candidates). At a million articles
//! that is ~70 million small rows behind one B-tree: a lookup is a few
//! dozen index probes.

use newsdesk_crosscheck::Fingerprint;

/// Values per signature.
pub const K: usize = 64;
/// Bytes of a stored signature.
pub const SIGNATURE_BYTES: usize = 1 + 2 * K * 8;
const VERSION: u8 = 1;
const SHINGLE_BANDS: usize = 16;
const SHINGLE_ROWS: usize = K / SHINGLE_BANDS;
const VOCAB_BANDS: usize = 24;
const VOCAB_ROWS: usize = 2;
/// Entity keys per article, at most (the rest add little and cost rows).
const MAX_ENTITY_KEYS: usize = 32;

/// An article's two MinHash signatures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// Over word 5-gram shingles.
    pub shingles: [u64; K],
    /// Over content words.
    pub vocab: [u64; K],
}

/// splitmix64 finaliser: our own deterministic mixing, stable across
/// platforms and versions.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d049bb133111eb);
    z ^ (z >> 31)
}

const SEEDS: [u64; K] = {
    let mut s = [0u64; K];
    let mut i = 0;
    let mut x: u64 = 0xc0ff_ee00_5eed_1234;
    while i < K {
        x = x.wrapping_add(0x9e3779b97f4a7c15);
        let mut z = x;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d049bb133111eb);
        s[i] = (z ^ (z >> 31)) | 1;
        i += 1;
    }
    s
};

/// MinHash of a set: per seed, the least `mix(mix(h) * seed)`.
///
/// A tenth of the ingest's analysis CPU went here. The 64 lanes are
/// independent 64-bit multiply-xorshift chains, which AVX-512 computes
/// eight at a time; x86-64's baseline (SSE2) has no 64-bit vector
/// multiply, so the same code is also compiled for AVX-512 and chosen at
/// run time. Same integer arithmetic, so the same signature on every
/// machine (stored signatures stay comparable).
fn minhash(set: &[u64]) -> [u64; K] {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx512f")
            && std::arch::is_x86_feature_detected!("avx512dq")
        {
            // SAFETY: the CPU has the features the function is compiled for.
            return unsafe { minhash_avx512(set) };
        }
    }
    minhash_portable(set)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512dq")]
unsafe fn minhash_avx512(set: &[u64]) -> [u64; K] {
    minhash_portable(set)
}

#[inline(always)]
fn minhash_portable(set: &[u64]) -> [u64; K] {
    let mut sig = [u64::MAX; K];
    for &h in set {
        let h = mix(h);
        for (s, seed) in sig.iter_mut().zip(SEEDS.iter()) {
            *s = (*s).min(mix(h.wrapping_mul(*seed)));
        }
    }
    sig
}

impl Signature {
    /// Signatures of a fingerprint's shingle and vocabulary sets.
    pub fn of(fp: &Fingerprint) -> Self {
        Signature {
            shingles: minhash(&fp.shingles),
            vocab: minhash(&fp.vocab),
        }
    }

    /// The stored form.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(SIGNATURE_BYTES);
        out.push(VERSION);
        for v in self.shingles.iter().chain(self.vocab.iter()) {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out
    }

    /// Parses the stored form; `None` for another version or length.
    pub fn from_bytes(b: &[u8]) -> Option<Self> {
        if b.len() != SIGNATURE_BYTES || b[0] != VERSION {
            return None;
        }
        let mut vals = b[1..]
            .chunks_exact(8)
            .map(|c| u64::from_le_bytes(c.try_into().unwrap_or([0; 8])));
        let mut shingles = [0u64; K];
        let mut vocab = [0u64; K];
        for s in shingles.iter_mut().chain(vocab.iter_mut()) {
            *s = vals.next()?;
        }
        Some(Signature { shingles, vocab })
    }

    /// True when the shingle set was empty (no words): such articles get no
    /// copy keys, or every empty text would collide.
    fn empty_shingles(&self) -> bool {
        self.shingles.iter().all(|&v| v == u64::MAX)
    }

    /// LSH keys for copy detection (shingle bands).
    pub fn copy_keys(&self) -> Vec<i64> {
        if self.empty_shingles() {
            return Vec::new();
        }
        band_keys(1, &self.shingles, SHINGLE_BANDS, SHINGLE_ROWS)
    }

    /// LSH keys for rewrites and related reports (content-word bands).
    pub fn vocab_keys(&self) -> Vec<i64> {
        if self.vocab.iter().all(|&v| v == u64::MAX) {
            return Vec::new();
        }
        band_keys(2, &self.vocab, VOCAB_BANDS, VOCAB_ROWS)
    }
}

fn band_keys(tag: u64, sig: &[u64; K], bands: usize, rows: usize) -> Vec<i64> {
    (0..bands)
        .map(|b| {
            let mut h = mix(tag.wrapping_mul(0x1000_0000_01b3) ^ b as u64);
            for v in sig.iter().skip(b * rows).take(rows) {
                h = mix(h.rotate_left(17) ^ v);
            }
            h as i64
        })
        .collect()
}

/// Bytes of a [`sketch`].
pub const SKETCH_BYTES: usize = 3 + K;
const SKETCH_VERSION: u8 = 1;

/// A compact sketch of an article's content words kept in the in-memory
/// index beside its keys: the vocabulary size and the low byte of each
/// content-word MinHash value (b-bit MinHash). Enough to estimate how much
/// of one vocabulary another contains, and so to skip candidates that
/// can't be copies or rewrites without loading them.
pub fn sketch(sig: &Signature, vocab_len: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(SKETCH_BYTES);
    out.push(SKETCH_VERSION);
    out.extend_from_slice(&(vocab_len.min(u16::MAX as usize) as u16).to_le_bytes());
    out.extend(sig.vocab.iter().map(|v| *v as u8));
    out
}

/// Estimated vocabulary containment (shared content words over the
/// smaller vocabulary) of two sketches; `None` when either is missing,
/// of another version, or of an empty vocabulary (then nothing can be
/// ruled out).
pub fn sketch_containment(a: &[u8], b: &[u8]) -> Option<f64> {
    let (na, va) = parse_sketch(a)?;
    let (nb, vb) = parse_sketch(b)?;
    let same = va.iter().zip(vb).filter(|(x, y)| x == y).count() as f64 / K as f64;
    // One byte agrees by chance one time in 256.
    let j = ((same - 1.0 / 256.0) / (1.0 - 1.0 / 256.0)).max(0.0);
    let inter = j * (na + nb) as f64 / (1.0 + j);
    Some(inter / na.min(nb) as f64)
}

/// A sketch's vocabulary size and bytes; `None` when unusable.
fn parse_sketch(s: &[u8]) -> Option<(usize, &[u8])> {
    if s.len() != SKETCH_BYTES || s[0] != SKETCH_VERSION {
        return None;
    }
    let n = u16::from_le_bytes([s[1], s[2]]) as usize;
    (n > 0).then_some((n, &s[3..]))
}

/// Index keys for folded entity names (story candidates), at most 32.
pub fn entity_keys(folded: &[String]) -> Vec<i64> {
    folded
        .iter()
        .filter(|e| !e.is_empty())
        .take(MAX_ENTITY_KEYS)
        .map(|e| {
            // FNV-1a, then mixed: deterministic across runs.
            let mut h: u64 = 0xcbf29ce484222325;
            for b in e.as_bytes() {
                h = (h ^ *b as u64).wrapping_mul(0x100000001b3);
            }
            mix(h ^ 3) as i64
        })
        .collect()
}

#[cfg(test)]
mod tests {

    /// The dispatched MinHash equals the portable one, bit for bit.
    #[test]
    fn minhash_dispatch_matches_portable() {
        let mut x: u64 = 0x1234_5678_9abc_def0;
        for n in [0usize, 1, 7, 64, 500] {
            let set: Vec<u64> = (0..n)
                .map(|_| {
                    x = mix(x.wrapping_add(0x9e37_79b9_7f4a_7c15));
                    x
                })
                .collect();
            assert_eq!(minhash(&set), minhash_portable(&set), "n = {n}");
        }
    }

    use super::*;
    use newsdesk_crosscheck::fingerprint;

    const T: &str = "The council of Velmora voted on Tuesday to close the old harbour bridge for repairs \
        that engineers say will take at least eight months and cost the city far more than planned.";

    #[test]
    fn roundtrip_and_determinism() {
        let s = Signature::of(&fingerprint(T));
        assert_eq!(Signature::from_bytes(&s.to_bytes()), Some(s.clone()));
        assert_eq!(s, Signature::of(&fingerprint(T)));
        assert_eq!(s.to_bytes().len(), SIGNATURE_BYTES);
        assert_eq!(Signature::from_bytes(&[1, 2, 3]), None);
    }

    #[test]
    fn copies_share_keys_unrelated_do_not() {
        let a = Signature::of(&fingerprint(T));
        let b = Signature::of(&fingerprint(&format!("{T} Share this article.")));
        let c = Signature::of(&fingerprint("Rain is expected across the northern hills tonight, with snow above five hundred metres and strong winds along the coast."));
        let shared = |x: &Signature, y: &Signature| {
            x.copy_keys()
                .iter()
                .filter(|k| y.copy_keys().contains(k))
                .count()
        };
        assert!(shared(&a, &b) >= 1);
        assert_eq!(shared(&a, &c), 0);
        assert!(Signature::of(&fingerprint("")).copy_keys().is_empty());
    }

    #[test]
    fn sketches_estimate_containment() {
        let fa = fingerprint(T);
        let fb = fingerprint(&format!("{T} Share this article."));
        let fc = fingerprint("Rain is expected across the northern hills tonight, with snow above five hundred metres and strong winds along the coast.");
        let sk = |f: &newsdesk_crosscheck::Fingerprint| sketch(&Signature::of(f), f.vocab.len());
        let ab = sketch_containment(&sk(&fa), &sk(&fb)).unwrap();
        let ac = sketch_containment(&sk(&fa), &sk(&fc)).unwrap();
        assert!(ab > 0.7, "{ab}");
        assert!(ac < 0.2, "{ac}");
        assert_eq!(sketch_containment(&[], &sk(&fa)), None);
        let empty = fingerprint("");
        assert_eq!(sketch_containment(&sk(&empty), &sk(&fa)), None);
    }
}
