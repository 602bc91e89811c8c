//! Unit tests, one group per signal, on invented text.
use super::*;

fn run(text: &str) -> Cleaned {
    let c = clean(text, &CorpusProfile::default());
    check(text, &c);
    c
}

/// Structural invariants every result must satisfy.
pub(crate) fn check(text: &str, c: &Cleaned) {
    let mut last_end = 0;
    for r in &c.removed {
        assert_eq!(text.get(r.start..r.end), Some(r.text.as_str()), "{r:?}");
        assert!(r.start >= last_end, "sorted/disjoint: {:?}", c.removed);
        last_end = r.end;
        assert!(c.text.is_char_boundary(r.at) && r.at <= c.text.len());
    }
}

fn reasons(c: &Cleaned) -> Vec<&'static str> {
    c.removed.iter().map(|r| r.reason.as_str()).collect()
}

#[test]
fn keeps_plain_article() {
    let t = "Harbour Board Approves Budget\n\nThe Lowmoor harbour board approved its budget on Monday.\n\nMembers voted 7 to 2, said chair Ada Penrose.";
    let c = run(t);
    assert!(c.removed.is_empty());
    assert_eq!(c.text.lines().count(), 3);
}

#[test]
fn tail_headline_list() {
    let t = "Title Here\n\nThe mill reopened on Friday after a long dispute.\n\nMore From Author\n\nOrchard Growers Brace For Late Frost\n\nCanal Towpath Closure Extended Into Spring";
    let c = run(t);
    assert_eq!(reasons(&c), vec!["site_furniture"; 3]);
    assert!(c.text.ends_with("dispute."));
}

#[test]
fn tail_titles_without_heading() {
    let t = "Title\nThe mill reopened on Friday after a long dispute.\nOrchard Growers Brace For Late Frost\nCanal Towpath Closure Extended Into Spring";
    let c = run(t);
    assert_eq!(reasons(&c), vec!["site_furniture"; 2]);
}

#[test]
fn tail_keeps_unpunctuated_last_sentence() {
    let t =
        "Title\nThe mill reopened on Friday after a long dispute.\nThe vote is set for next week";
    assert!(run(t).removed.is_empty());
}

#[test]
fn contact_block_and_bot_handle() {
    let t = "Title\nThe mill reopened on Friday after a long dispute.\nquillbot77\nRecent Updates\nContact\nAddress: ZZ\nEmail: desk@example.org\nRecent News";
    let c = run(t);
    assert_eq!(
        c.text,
        "Title\nThe mill reopened on Friday after a long dispute."
    );
    assert_eq!(reasons(&c)[0], "scraper_byline");
    assert!(c.meta_lines.iter().any(|m| m.contains("desk@example.org")));
    assert!(c.meta_lines.iter().any(|m| m == "quillbot77"));
}

#[test]
fn scraper_byline() {
    let t =
        "Title\n\nwritten by DailyPostWire\n\nThe mill reopened on Friday after a long dispute.";
    let c = run(t);
    assert_eq!(reasons(&c), vec!["scraper_byline"]);
    assert_eq!(c.meta_lines, vec!["written by DailyPostWire"]);
}

#[test]
fn disclaimer_paragraph() {
    let t = "Title\nThis text was checked by our editorial team. Machine translations can be imperfect; consult the source-language version.\nThe mill reopened on Friday after a long dispute, owners said.\nWorkers returned to the floor by noon.";
    let c = run(t);
    assert_eq!(reasons(&c), vec!["disclaimer"]);
}

#[test]
fn body_about_translation_kept() {
    let t = "Title\nA\nB\nC\nD\nThe ministry said the translation software had improved accuracy for court records, officials told lawmakers in a long session on Tuesday.\nE\nF\nG\nH";
    assert!(run(t)
        .removed
        .iter()
        .all(|r| r.reason != RemovalReason::Disclaimer));
}

#[test]
fn seo_lead_toc_and_closing() {
    let t = "Discover what the port strike means for shippers. Explore its effect on prices in this in-depth guide.\nIn May, dockers at Quayford walked out over pay.\nTable of Contents\nWhy the Strike Began\nWhat Comes Next\nWhy the Strike Began\nThe union said talks failed twice.\nFor more information, keep an eye on the port authority site.\nSources: Quayford Gazette, Harbour Radio";
    let c = run(t);
    assert_eq!(
        reasons(&c),
        vec![
            "seo_boilerplate",
            "seo_boilerplate",
            "seo_boilerplate",
            "seo_boilerplate",
            "seo_boilerplate",
            "source_line"
        ]
    );
    assert!(c.text.starts_with("In May"));
    assert!(c.text.contains("Why the Strike Began\nThe union said"));
    assert_eq!(
        c.meta_lines,
        vec!["Sources: Quayford Gazette, Harbour Radio"]
    );
}

#[test]
fn toc_without_entries_keeps_first_section_heading() {
    let t = "Title\nIntro paragraph that sets the scene for readers today.\nTable of Contents\nBackground of the Dispute\nThe dispute began in March when pay talks collapsed.";
    let c = run(t);
    assert_eq!(reasons(&c), vec!["seo_boilerplate"]);
    assert!(c.text.contains("Background of the Dispute"));
}

#[test]
fn escapes_are_repaired() {
    let t = "Title\nThe mayor called it \\\\\"a fine day\\\\\" and left &amp; smiled.";
    let c = run(t);
    assert_eq!(
        c.text,
        "Title\nThe mayor called it \"a fine day\" and left & smiled."
    );
    assert_eq!(c.repairs.len(), 2);
    assert_eq!(c.repairs[0].kind, "escape_artifact");
    assert_eq!(c.repairs[0].count, 2);
    assert!(c.repairs[0].example.starts_with("\\\\\""));
}

#[test]
fn leak_sentence_inside_paragraph() {
    // Pure meta-talk: the whole sentence goes.
    let t = "Title\nThe original text focuses mostly on the union. The union later rejected the offer. Talks resume next week.\nA second paragraph with enough words to be body text here.\nA third paragraph with enough words to be body text too.\nA fourth paragraph with enough words to be body text again.";
    let c = run(t);
    assert_eq!(reasons(&c), vec!["rewrite_leak"]);
    assert!(c
        .text
        .contains("Title\nThe union later rejected the offer. Talks resume next week.\n"));
    assert_eq!(c.removed[0].at, "Title".len());
}

#[test]
fn leak_lead_in_keeps_the_reported_fact() {
    // "The original text mentions that <fact>": only the lead-in is the
    // rewriter's; the fact stays in the body (and can be cross-checked).
    let t = "Title\nThe original text mentions that the mayor met the union on Tuesday. The union later rejected the offer.\nA second paragraph with enough words to be body text here.\nA third paragraph with enough words to be body text too.\nA fourth paragraph with enough words to be body text again.";
    let c = run(t);
    assert_eq!(reasons(&c), vec!["rewrite_leak"]);
    assert_eq!(c.removed[0].text, "The original text mentions that ");
    assert!(c.text.contains(
        "Title\nthe mayor met the union on Tuesday. The union later rejected the offer.\n"
    ));
}

#[test]
fn leak_paragraph_after_separator() {
    let t = "Title\nThe mill reopened on Friday after a long dispute.\n\u{2014}\nThis article focuses solely on the owners' view. It does not provide commentary beyond that.";
    let c = run(t);
    assert_eq!(reasons(&c), vec!["rewrite_leak", "rewrite_leak"]);
    assert!(c.text.ends_with("dispute."));
}

#[test]
fn ai_preamble() {
    let t =
        "Title\nHere is the rewritten article:\nThe mill reopened on Friday after a long dispute.";
    assert_eq!(reasons(&run(t)), vec!["rewrite_leak"]);
}

#[test]
fn treaty_text_is_not_a_leak() {
    let t = "Title\nThe original text of the 1921 charter was found in a vault, archivists said.";
    assert!(run(t).removed.is_empty());
}

#[test]
fn repeated_paragraph() {
    let p = "The mill reopened on Friday after a long dispute over pay.";
    let t = format!("Title\n{p}\nOwners said output would recover by spring.\n{p}");
    let c = run(&t);
    assert_eq!(reasons(&c), vec!["repeated_paragraph"]);
    assert_eq!(c.removed[0].start, t.rfind(p).unwrap());
}

#[test]
fn duplicated_caption_with_credit() {
    let cap =
        "Mill owner Ivo Brandt and union chief Lena Sato shake hands in Lowmoor on May 2, 2025.";
    let t = format!("Title\nThe deal ended a long dispute, owners said. {cap}\n{cap} Tomas Reed/Getty Images Why It Matters The mill employs 900 people.\nWorkers returned on Friday.");
    let c = run(&t);
    assert_eq!(reasons(&c), vec!["caption", "caption"]);
    assert!(c.removed[1].text.ends_with("Getty Images"));
    assert!(c.text.contains("owners said.\nWhy It Matters The mill"));
    assert!(!c.text.contains("shake hands"));
}

#[test]
fn lone_credit_after_body_sentence() {
    let t = "Title\nThe mill reopened on Friday. Crowds gathered early. Ana Ruiz/Reuters Workers cheered at the gate.";
    let c = run(t);
    assert_eq!(reasons(&c), vec!["caption"]);
    assert_eq!(c.removed[0].text, "Ana Ruiz/Reuters");
}

#[test]
fn source_label_and_next_line() {
    let t = "Title\nThe mill reopened on Friday after a long dispute.\nReference(s):\nlowmoor-gazette.example";
    let c = run(t);
    assert_eq!(reasons(&c), vec!["source_line", "source_line"]);
    assert_eq!(c.meta_lines.len(), 2);
}

#[test]
fn share_prompts() {
    let t = "Title\nThe mill reopened on Friday after a long dispute.\nShare this article\nSubscribe to our newsletter for daily updates.\nFollow us on Twitter";
    let c = run(t);
    assert_eq!(reasons(&c), vec!["site_furniture"; 3]);
}

#[test]
fn title_is_protected() {
    let t = "Recent News\nThe mill reopened on Friday after a long dispute.";
    let c = run(t);
    assert!(c.removed.is_empty());
}

#[test]
fn corpus_boilerplate() {
    let mut p = CorpusProfile::new();
    for i in 0..5 {
        p.add(&format!(
            "Title {i}\nBody {i} is here.\nFrom the Desk of Lowmoor Wire"
        ));
    }
    let t = "Title\nThe mill reopened on Friday.\nFrom the Desk of Lowmoor Wire\nOwners said output would recover.";
    let c = clean(t, &p);
    check(t, &c);
    assert_eq!(reasons(&c), vec!["corpus_boilerplate"]);
}

#[test]
fn literal_newlines_split_paragraphs() {
    let t = "Title\\n\\nThe mill reopened.\\nOwners cheered.";
    let c = run(t);
    assert_eq!(c.text, "Title\nThe mill reopened.\nOwners cheered.");
    assert_eq!(c.repairs[0].kind, "escape_newline");
}

#[test]
fn empty_and_odd_inputs() {
    for t in [
        "",
        "\n\n",
        "   ",
        "—",
        "&amp;",
        "\\",
        "\\\\\"",
        "a\\nb",
        "&#x110000;",
        "é&",
        "Title\n—",
    ] {
        let c = run(t);
        let _ = c;
    }
}

#[test]
fn news_phrases_that_look_like_residue_are_kept() {
    for line in [
        "Share prices fell 5 percent on Monday.",
        "The report focuses on the cost of the new ferry, officials said.",
        "The original text was signed in 1921 and is kept in Lowmoor.",
        "It costs more than the original version of the plan, critics said.",
        "The original report said 12 boats were lost; it was corrected later.",
    ] {
        let t = format!("Title\nThe harbour board met on Monday to vote on the budget.\n{line}\nMembers voted 7 to 2 after a long debate on Tuesday night.");
        let c = run(&t);
        assert!(c.removed.is_empty(), "{line}: {:?}", c.removed);
    }
}

#[test]
fn toc_with_entries_keeps_section_headings() {
    let t = "Title\nIntro paragraph that sets the scene for readers today.\nTable of Contents\nHow the Dispute Began Last Spring\nWhat Comes Next for the Port\nHow the Dispute Began Last Spring\nThe dispute began in March when pay talks collapsed.\nWhat Comes Next for the Port\nTalks resume on Monday, the union said.";
    let c = run(t);
    assert_eq!(reasons(&c), vec!["seo_boilerplate"; 3]);
    assert!(c
        .text
        .contains("How the Dispute Began Last Spring\nThe dispute began"));
    assert!(c
        .text
        .contains("What Comes Next for the Port\nTalks resume"));
}
