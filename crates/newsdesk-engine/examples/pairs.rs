//! Prints the lineage pair scores and story similarity inputs for every
//! pair of articles in a folder: a tuning aid, not part of the product.
//! `cargo run -p newsdesk-engine --example pairs -- demo`
use newsdesk_crosscheck::{fingerprint, pair_score, sentence_alignment, sentence_sets};
use newsdesk_engine::{run, NoProgress, Options};
use std::path::PathBuf;

fn main() {
    let args: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let b = run(&args, &Options::default(), &NoProgress).expect("run");
    let fps: Vec<_> = b.articles.iter().map(|a| fingerprint(&a.text)).collect();
    let sents: Vec<_> = b
        .articles
        .iter()
        .map(|a| sentence_sets(&a.text, &newsdesk_analyse::split_sentences(&a.text)))
        .collect();
    for i in 0..fps.len() {
        for j in i + 1..fps.len() {
            let s = pair_score(&fps[i], &fps[j]);
            if s.vocab_containment > 0.3 {
                println!(
                    "{:<32} {:<32} rel {:<15} jac {:.2} cont {:.2} vocab {:.2} align {:.2}",
                    b.articles[i].id.as_str(),
                    b.articles[j].id.as_str(),
                    s.relation.unwrap_or("-"),
                    s.shingle_jaccard,
                    s.shingle_containment,
                    s.vocab_containment,
                    sentence_alignment(&sents[i], &sents[j])
                );
            }
        }
    }
    let contents: Vec<Vec<u64>> = b
        .articles
        .iter()
        .map(|a| newsdesk_crosscheck::content_hashes(&a.text))
        .collect();
    let inputs: Vec<_> = b
        .articles
        .iter()
        .zip(&contents)
        .map(|(a, c)| newsdesk_crosscheck::stories::StoryInput {
            content: c,
            window: None,
            entities: b
                .entities
                .iter()
                .enumerate()
                .flat_map(|(k, e)| {
                    e.mentions
                        .iter()
                        .filter(|m| m.article == a.id)
                        .map(move |_| k)
                })
                .collect(),
        })
        .collect();
    for (i, j, c) in newsdesk_crosscheck::stories::similarities(&inputs) {
        println!("cos {:.3} {} {}", c, b.articles[i].id, b.articles[j].id);
    }
    for a in &b.articles {
        println!(
            "{} published {:?} outlet {:?}",
            a.id,
            a.published
                .as_ref()
                .map(|p| (p.earliest, p.latest, &p.evidence)),
            a.outlet
        );
    }
}
