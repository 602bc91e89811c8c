//! Unit tests for quote finding and attribution, on invented sentences
//! about fictional people.

use super::*;
use newsdesk_core::{EntityKind, SpeakerKind};

fn run(text: &str) -> Vec<Quote> {
    run_with(text, &[])
}

fn run_with(text: &str, mentions: &[Mention]) -> Vec<Quote> {
    let sentences = crate::sentences::split(text);
    let qs = find_quotes(text, &sentences, mentions);
    for q in &qs {
        assert_eq!(&text[q.span.start..q.span.end], q.text);
        if let Some(sp) = &q.speaker {
            assert_eq!(&text[sp.span.start..sp.span.end], sp.text);
            assert!(!sp.span.overlaps(&q.span), "speaker inside quote: {q:?}");
        }
    }
    qs
}

/// A person mention for `surface` at its `nth` occurrence.
fn person(text: &str, surface: &str, name: &str, nth: usize) -> Mention {
    let start = text
        .match_indices(surface)
        .nth(nth)
        .expect("surface present")
        .0;
    Mention {
        span: Span::new(start, start + surface.len()),
        text: surface.to_string(),
        name: name.to_string(),
        kind: EntityKind::Person,
        aliases: vec![],
        role: None,
    }
}

fn speaker(q: &Quote) -> (&str, SpeakerKind, Option<&str>) {
    let s = q.speaker.as_ref().expect("speaker");
    (s.text.as_str(), s.kind, s.name.as_deref())
}

#[test]
fn said_colon_with_title() {
    let t = "Talks\nNorland Foreign Minister Edda Varrick said: \"We will not sign this.\"";
    let q = run(t);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].text, "We will not sign this.");
    assert_eq!(q[0].kind, QuoteKind::Direct);
    assert_eq!(
        speaker(&q[0]),
        ("Edda Varrick", SpeakerKind::Named, Some("Edda Varrick"))
    );
    assert_eq!(q[0].cue.as_deref(), Some("said"));
}

#[test]
fn told_outlet_is_recipient() {
    let t = "Senior fellow Oren Balsam, director of the Tallis Institute, told the Harbour Gazette: “The risk is real.”";
    let q = run(t);
    assert_eq!(q.len(), 1);
    assert_eq!(speaker(&q[0]).0, "Oren Balsam");
    assert_eq!(q[0].cue.as_deref(), Some("told the Harbour Gazette"));
}

#[test]
fn trailing_attribution_and_inversion() {
    let t = "“We are ready,” Mara Quist told reporters on Friday. “Nothing is settled,” said Dov Arlen.";
    let q = run(t);
    assert_eq!(q.len(), 2);
    assert_eq!(speaker(&q[0]).0, "Mara Quist");
    assert_eq!(q[0].cue.as_deref(), Some("told reporters"));
    assert_eq!(q[0].kind, QuoteKind::Direct);
    assert_eq!(speaker(&q[1]).0, "Dov Arlen");
}

#[test]
fn inverted_with_lowercase_title() {
    let t = "\"Time is running out,\" warned Union trade commissioner Pella Strand.";
    let q = run(t);
    assert_eq!(speaker(&q[0]).0, "Pella Strand");
    assert_eq!(q[0].cue.as_deref(), Some("warned"));
}

#[test]
fn pronoun_resolves_to_previous_speaker() {
    let t = "Mara Quist met the delegation on Monday. \"We are close,\" she said. \"Very close.\"";
    let q = run(t);
    assert_eq!(q.len(), 2);
    let (txt, kind, name) = speaker(&q[0]);
    assert_eq!(
        (txt, kind, name),
        ("she", SpeakerKind::Pronoun, Some("Mara Quist"))
    );
    // The follow-on quote continues the same speech.
    assert_eq!(speaker(&q[1]).2, Some("Mara Quist"));
}

#[test]
fn ambiguous_pronoun_gives_no_speaker() {
    let t = "Mara Quist met Dov Arlen in Veltz. \"It went well,\" he said.";
    let q = run(t);
    assert_eq!(q.len(), 1);
    assert!(q[0].speaker.is_none());
    assert_eq!(q[0].cue.as_deref(), Some("said"));
}

#[test]
fn pronoun_with_mentions() {
    let t = "Quist arrived late. \"We are close,\" he said.";
    let m = vec![person(t, "Quist", "Mara Quist", 0)];
    let q = run_with(t, &m);
    assert_eq!(
        speaker(&q[0]),
        ("he", SpeakerKind::Pronoun, Some("Mara Quist"))
    );
}

#[test]
fn mentions_fill_full_name() {
    let t = "Mara Quist spoke first. Later, Quist said the plan was \"dead on arrival\" for now.";
    let m = vec![
        person(t, "Mara Quist", "Mara Quist", 0),
        person(t, "Quist", "Mara Quist", 1),
    ];
    let q = run_with(t, &m);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].kind, QuoteKind::Partial);
    assert_eq!(
        speaker(&q[0]),
        ("Quist", SpeakerKind::Named, Some("Mara Quist"))
    );
}

#[test]
fn surname_resolved_without_mentions() {
    let t = "Mara Quist spoke first. Later, Quist said the plan was \"dead on arrival\" for now.";
    let q = run(t);
    assert_eq!(
        speaker(&q[0]),
        ("Quist", SpeakerKind::Named, Some("Mara Quist"))
    );
}

#[test]
fn partial_quote_described_as() {
    let t = "Arlen described the talks as \"long and productive\" in a post.";
    let q = run(t);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].kind, QuoteKind::Partial);
    assert_eq!(q[0].text, "long and productive");
    assert_eq!(speaker(&q[0]).0, "Arlen");
    assert_eq!(q[0].cue.as_deref(), Some("described"));
}

#[test]
fn scare_quotes_skipped() {
    let t = "The plan rests on \"rebalancing\" the budget and a \"Grand Bargain\" of sorts.";
    assert!(run(t).is_empty());
}

#[test]
fn anonymous_sources() {
    let t = "\"The deal is off,\" a senior Norland official said. One diplomat familiar with the discussions said \"nobody wants to blink first here.\"";
    let q = run(t);
    assert_eq!(q.len(), 2);
    assert_eq!(
        speaker(&q[0]),
        ("a senior Norland official", SpeakerKind::Anonymous, None)
    );
    assert_eq!(
        speaker(&q[1]),
        (
            "One diplomat familiar with the discussions",
            SpeakerKind::Anonymous,
            None
        )
    );
}

#[test]
fn condition_of_anonymity() {
    let t = "An official who spoke on condition of anonymity said: \"We expect delays.\"";
    let q = run(t);
    let (txt, kind, _) = speaker(&q[0]);
    assert_eq!(kind, SpeakerKind::Anonymous);
    assert!(txt.starts_with("An official"));
}

#[test]
fn group_speakers() {
    let t = "Norland, Veltria and Ostmark issued a joint statement asserting that \"the border must stay open.\" Regional officials said it was \"a step backwards for everyone.\"";
    let q = run(t);
    assert_eq!(q.len(), 2);
    assert_eq!(
        speaker(&q[0]),
        ("Norland, Veltria and Ostmark", SpeakerKind::Group, None)
    );
    assert_eq!(
        speaker(&q[1]),
        ("Regional officials", SpeakerKind::Group, None)
    );
}

#[test]
fn organisation_speaker() {
    let t = "\"The claims are baseless,\" the Kremlin said in a statement.";
    let q = run(t);
    assert_eq!(speaker(&q[0]).0, "Kremlin");
    assert_eq!(speaker(&q[0]).1, SpeakerKind::Named);
}

#[test]
fn according_to() {
    let t = "The convoy will leave at dawn, according to Dov Arlen, who called it \"a modest first step toward calm.\"";
    let q = run(t);
    assert_eq!(q.len(), 1);
    // "called" has "who" as subject; the relative pronoun isn't a speaker,
    // so the cue stands without a guessed speaker or with Arlen — never
    // a wrong one.
    if let Some(sp) = &q[0].speaker {
        assert_eq!(sp.text, "Dov Arlen");
    }
    let t2 = "\"Prices will rise again next year,\" according to a central bank economist.";
    let q2 = run(t2);
    assert_eq!(speaker(&q2[0]).1, SpeakerKind::Anonymous);
    assert_eq!(q2[0].cue.as_deref(), Some("according to"));
}

#[test]
fn outlet_reporting_is_not_speaker() {
    let t =
        "Quist said the proposal was \"a serious basis for talks,\" the Harbour Times reported.";
    let q = run(t);
    assert_eq!(speaker(&q[0]).0, "Quist");
}

#[test]
fn appositive_who_clause() {
    let t = "Dov Arlen, who leads the committee, said \"we have done our part and now it is their turn.\"";
    let q = run(t);
    assert_eq!(speaker(&q[0]).0, "Dov Arlen");
}

#[test]
fn multi_sentence_and_paragraph_continuation() {
    let t = "Mara Quist said: “We came here to talk. We will stay as long as it takes.\n“Nobody should doubt that,” she added.\nThe talks resume Monday.";
    let q = run(t);
    assert_eq!(q.len(), 2);
    assert_eq!(
        q[0].text,
        "We came here to talk. We will stay as long as it takes."
    );
    assert_eq!(speaker(&q[0]).0, "Mara Quist");
    assert_eq!(speaker(&q[1]).2, Some("Mara Quist"));
    assert_eq!(q[1].kind, QuoteKind::Direct);
}

#[test]
fn unbalanced_mark_does_not_swallow() {
    let mut t = String::from("Arlen said \"this never closes and goes on.\n");
    for _ in 0..50 {
        t.push_str("Filler sentence without marks.\n");
    }
    t.push_str("Quist said: \"Short and closed.\"\n");
    let q = run(&t);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].text, "Short and closed.");
}

#[test]
fn escaped_quotes_survive() {
    let t = r#"Arlen announced he had a \\"lengthy and highly useful\\" call with Quist."#;
    let q = run(t);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].text, "lengthy and highly useful");
    assert_eq!(speaker(&q[0]).0, "Arlen");
}

#[test]
fn headline_run_before_name() {
    // Flattened text where a headline runs into the next sentence.
    let t = "What Comes Next Oren Balsam, a fellow at the Tallis Institute, told Weekly Ledger: \"Expect more pressure.\"";
    let q = run(t);
    assert_eq!(speaker(&q[0]).0, "Oren Balsam");
}

#[test]
fn inverted_verb_between_two_pieces() {
    let t = "“She is too far behind,” said an Ostmark delegate, “and the vote was close.”";
    let q = run(t);
    assert_eq!(q.len(), 2);
    assert_eq!(speaker(&q[0]).1, SpeakerKind::Anonymous);
    assert_eq!(speaker(&q[1]).0, "an Ostmark delegate");
}

#[test]
fn trailing_name_with_capitalised_appositive() {
    let t = "“We had to balance it,” Tessa Lindqvist, Mr. Arlen's chief of staff, said in an interview.";
    let q = run(t);
    assert_eq!(speaker(&q[0]).0, "Tessa Lindqvist");
}

#[test]
fn titles_in_quotes_are_not_quotes() {
    let t = "Arlen said the show, which aired on \"Morning Harbour Live\" last year, was a hit.";
    assert!(run(t).is_empty());
    // …unless the reporting verb frames it directly.
    let t2 = "Quist called the plan \"Operation Clean Slate\" on Monday.";
    assert_eq!(run(t2).len(), 1);
}

#[test]
fn no_panic_on_odd_inputs() {
    for t in [
        "\"",
        "said \"",
        "\" said he",
        "„x“",
        "«»",
        "\"é\" ü said",
        "he said: \"\"",
        "’tis ‘twas’",
        "a\\\\\"b\\\\\"c said Quist",
    ] {
        let _ = run(t);
    }
}

/// Prints the quotes of the text in `QUOTES_DEBUG` (a development aid).
#[test]
#[ignore]
fn debug_print() {
    let Ok(t) = std::env::var("QUOTES_DEBUG") else {
        return;
    };
    for s in crate::sentences::split(&t) {
        println!("SENT {:?}", &t[s.span.start..s.span.end]);
    }
    for q in run(&t) {
        println!(
            "{:?} {:?} cue={:?} speaker={:?}",
            q.kind,
            q.text,
            q.cue,
            q.speaker.map(|s| (s.text, s.kind, s.name))
        );
    }
}

/// An invented ~4 KB article with the usual quote patterns.
fn perf_article() -> String {
    let paras = [
        "Norland Foreign Minister Edda Varrick said on Tuesday: \"We will not sign an agreement that leaves our border open to pressure.\" Officials in Veltz declined to comment.",
        "\"Time is running out for a settlement,\" warned Union trade commissioner Pella Strand, who has led three rounds of talks. \"Nobody should expect a breakthrough this week.\"",
        "Oren Balsam, director of the Tallis Institute, told the Harbour Gazette: \"The risk is that both sides walk away and blame each other. That would be the worst outcome for the region.\"",
        "A senior Norland official, who spoke on condition of anonymity, said the talks had been \"long and productive\" but that key issues remained open.",
        "Mara Quist met the delegation on Monday. \"We are close,\" she said. \"Very close, but not there yet.\" Quist later described the proposal as \"a serious basis for talks.\"",
        "Norland, Veltria and Ostmark issued a joint statement asserting that \"the border must stay open to trade and travel.\" Regional officials said it was \"a step backwards for everyone involved.\"",
        "The plan rests on \"rebalancing\" the budget, according to Dov Arlen, who called the deal \"a modest first step toward calm.\" Arlen's office did not respond to a request for comment.",
        "“We came here to talk. We will stay as long as it takes,” said Lena Oduya, the chief negotiator.",
        "“Nobody should doubt that,” she added, noting that the next round would start in April.",
        "\"The claims are baseless,\" the ministry said in a statement, the Harbour Times reported. Analysts said the dispute could drag on for months.",
    ];
    let mut s = String::new();
    while s.len() < 4000 {
        for p in paras {
            s.push_str(p);
            s.push('\n');
        }
    }
    s.truncate(s[..4096.min(s.len())].rfind('\n').unwrap_or(s.len()));
    s
}

/// Timing on a 4 KB article: `cargo test --release -p newsdesk-analyse
/// --lib quotes_perf -- --ignored --nocapture`.
#[test]
#[ignore]
fn quotes_perf() {
    let text = perf_article();
    let sentences = crate::sentences::split(&text);
    let n = 2000;
    // Best of several batches: the machine is shared, the minimum is the
    // stage's own cost. Thread CPU time (Linux) is reported too.
    let mut best = f64::MAX;
    let mut found = 0;
    let cpu0 = thread_cpu_ticks();
    let mut rounds = 0;
    for _ in 0..50 {
        let t0 = std::time::Instant::now();
        for _ in 0..n / 10 {
            found = find_quotes(&text, &sentences, &[]).len();
        }
        rounds += n / 10;
        best = best.min(t0.elapsed().as_secs_f64() * 1e6 / (n / 10) as f64);
    }
    let cpu = match (cpu0, thread_cpu_ticks()) {
        (Some(a), Some(b)) => format!("{:.1}", (b - a) as f64 * 1e4 / rounds as f64),
        _ => "n/a".to_string(),
    };
    println!("find_quotes: {} bytes, {found} quotes, best wall {best:.1} µs/article, thread CPU {cpu} µs/article", text.len());
    let t0 = std::time::Instant::now();
    let mut k = 0;
    for _ in 0..n {
        k += super::marks::pair_quotes(&text).len();
    }
    println!(
        "  pairing: {:.1} µs ({})",
        t0.elapsed().as_secs_f64() * 1e6 / n as f64,
        k / n
    );
    let t0 = std::time::Instant::now();
    for _ in 0..n {
        k += super::attrib::NameIndex::build(&text).len();
    }
    println!(
        "  name index: {:.1} µs",
        t0.elapsed().as_secs_f64() * 1e6 / n as f64
    );
    let t0 = std::time::Instant::now();
    for _ in 0..n {
        k += super::attrib::VERB_FOR_BENCH.find_iter(&text).count();
    }
    println!(
        "  verb scan of whole text: {:.1} µs ({k})",
        t0.elapsed().as_secs_f64() * 1e6 / n as f64
    );
}

#[test]
fn perf_article_is_well_formed() {
    let text = perf_article();
    let q = run(&text);
    assert!(q.len() >= 15);
}

/// User+system CPU ticks (1/100 s) of this thread, from /proc (Linux).
fn thread_cpu_ticks() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split(' ').collect();
    Some(f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?)
}

mod props {
    use super::*;
    use proptest::prelude::*;

    /// Fragments that exercise marks, names, verbs and odd bytes.
    fn fragment() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "\"",
            "“",
            "”",
            "‘",
            "’",
            "'",
            "«",
            "»",
            "\\\"",
            "''",
            " ",
            "\n",
            ", ",
            ". ",
            ": ",
            "said",
            "told",
            "according to",
            "he",
            "she",
            "Mara Quist",
            "Dov",
            "a senior official",
            "é",
            "日本",
            "—",
            "(",
            ")",
            "We will",
            "the Kremlin",
            "and",
            "officials",
        ])
    }

    proptest! {
        #[test]
        fn spans_valid_and_ordered(parts in prop::collection::vec(fragment(), 0..60)) {
            let text: String = parts.concat();
            let sentences = crate::sentences::split(&text);
            let qs = find_quotes(&text, &sentences, &[]);
            let mut last = 0;
            for q in &qs {
                prop_assert_eq!(text.get(q.span.start..q.span.end), Some(q.text.as_str()));
                prop_assert!(q.span.start >= last);
                last = q.span.end;
                if let Some(sp) = &q.speaker {
                    prop_assert_eq!(text.get(sp.span.start..sp.span.end), Some(sp.text.as_str()));
                }
            }
            // Deterministic.
            prop_assert_eq!(qs, find_quotes(&text, &sentences, &[]));
        }
    }
}
