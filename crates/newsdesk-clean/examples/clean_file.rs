//! Cleans the given files and prints the result as JSON (a debugging aid).
//! `cargo run -p newsdesk-clean --example clean_file -- FILE...`
fn main() {
    let files: Vec<String> = std::env::args().skip(1).collect();
    let texts: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(f).expect("readable file"))
        .collect();
    let mut profile = newsdesk_clean::CorpusProfile::new();
    for t in &texts {
        profile.add(t);
    }
    for (f, t) in files.iter().zip(&texts) {
        let c = newsdesk_clean::clean(t, &profile);
        println!(
            "=== {f}\n{}",
            serde_json::to_string_pretty(&c).expect("json")
        );
    }
}
