//! Rewrite detection at sentence level on ../shared/data/msrp (4,076
//! pairs, train split): ROC-AUC of `rewrite_score`, and accuracy / F1 at
//! the best threshold (chosen on this same split — say so when quoting it).
//! Skipped with a message when the data set is absent.

use newsdesk_crosscheck::rewrite_score;

#[test]
fn msrp_rewrite_score() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/msrp/msr_paraphrase_train.txt");
    let Ok(raw) = std::fs::read_to_string(&path) else {
        println!("SKIPPED: ../shared/data/msrp not found (evaluation data is not shipped with the repository)");
        return;
    };
    let mut scored: Vec<(f64, bool)> = Vec::new();
    for line in raw.trim_start_matches('\u{feff}').lines().skip(1) {
        let f: Vec<&str> = line.trim_end_matches('\r').split('\t').collect();
        if f.len() != 5 {
            continue;
        }
        let a = f[3].replace("<QUOTE>", "\"");
        let b = f[4].replace("<QUOTE>", "\"");
        scored.push((rewrite_score(&a, &b), f[0] == "1"));
    }
    let pos = scored.iter().filter(|x| x.1).count();
    let neg = scored.len() - pos;
    // ROC-AUC: probability a random positive outscores a random negative.
    let mut sorted = scored.clone();
    sorted.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap());
    let (mut rank_sum, mut i) = (0.0, 0);
    while i < sorted.len() {
        let mut j = i;
        while j < sorted.len() && sorted[j].0 == sorted[i].0 {
            j += 1;
        }
        let avg_rank = (i + j + 1) as f64 / 2.0; // 1-based average rank of ties
        rank_sum += avg_rank * sorted[i..j].iter().filter(|x| x.1).count() as f64;
        i = j;
    }
    let auc = (rank_sum - (pos * (pos + 1)) as f64 / 2.0) / (pos * neg) as f64;
    // Best threshold for accuracy.
    let (mut best_acc, mut best_t, mut best_f1) = (0.0, 0.0, 0.0);
    for k in 0..=100 {
        let t = k as f64 / 100.0;
        let (mut tp, mut fp, mut tn, mut fn_) = (0, 0, 0, 0);
        for &(s, y) in &scored {
            match (s >= t, y) {
                (true, true) => tp += 1,
                (true, false) => fp += 1,
                (false, false) => tn += 1,
                (false, true) => fn_ += 1,
            }
        }
        let acc = (tp + tn) as f64 / scored.len() as f64;
        if acc > best_acc {
            best_acc = acc;
            best_t = t;
            best_f1 = 2.0 * tp as f64 / (2 * tp + fp + fn_) as f64;
        }
    }
    println!(
        "msrp: {} pairs ({:.1}% paraphrases); ROC-AUC {:.3}; best threshold {:.2}: accuracy {:.3}, F1 {:.3}",
        scored.len(),
        100.0 * pos as f64 / scored.len() as f64,
        auc,
        best_t,
        best_acc,
        best_f1
    );
    assert!(scored.len() > 4000);
    assert!(auc > 0.70, "ROC-AUC {auc}");
}
