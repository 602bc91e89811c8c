//! The brief: the plain-data result of a run, serialised as the stable JSON
//! shape documented in the README, and rendered by `newsdesk-report`.

use chrono::NaiveDate;
use newsdesk_core::{
    ArticleId, EntityKind, InputFormat, NumberKind, PubDate, QuoteKind, Rejected, Removal, Repair,
    SpeakerKind,
};
use serde::{Deserialize, Serialize};

/// Version of the JSON shape. Bumped on breaking changes.
pub const SCHEMA_VERSION: u32 = 1;

/// A sourced, cross-checked brief over a corpus of articles.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Brief {
    /// JSON shape version ([`SCHEMA_VERSION`]).
    pub schema_version: u32,
    /// Input counts.
    pub summary: Summary,
    /// Analysed articles, in time order (then by id).
    pub articles: Vec<BriefArticle>,
    /// Inputs that could not be analysed, with the reason.
    pub rejected: Vec<Rejected>,
    /// Articles grouped by development, in time order.
    pub stories: Vec<Story>,
    /// Canonical entities across the corpus.
    pub entities: Vec<Entity>,
    /// Attributed quotes, by article order then position.
    pub quotes: Vec<BriefQuote>,
    /// Numbers with what they measure.
    pub numbers: Vec<BriefNumber>,
    /// Date expressions, resolved where possible.
    pub dates: Vec<BriefDate>,
    /// Dated events, in time order, merged across copies.
    pub timeline: Vec<TimelineEvent>,
    /// Copy / rewrite links: each article with its likely origin.
    pub lineage: Vec<CopyLink>,
    /// Disagreements and single-source items across articles.
    pub disagreements: Vec<Disagreement>,
    /// Per-outlet quality signals.
    pub outlets: Vec<OutletSummary>,
}

/// Counts for the whole run.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Summary {
    /// Inputs seen (analysed + rejected).
    pub inputs: usize,
    /// Inputs analysed.
    pub analysed: usize,
    /// Inputs rejected.
    pub rejected: usize,
    /// Stories found.
    pub stories: usize,
    /// Independent origins (articles that are nobody's copy or rewrite).
    pub independent_articles: usize,
}

/// A flag raised on an article, with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Flag {
    /// What the flag says (`residue_removed`, `rewrite_leak`, `repeated_text`,
    /// `escape_artifacts`, `anonymous_sourcing`, `copy`, `rewrite`,
    /// `estimated_date`, `no_named_sources`, `garbled_fact`).
    pub kind: String,
    /// A number for the flag, where it has one (count, share).
    pub value: Option<f64>,
    /// Human-readable evidence, each item checkable against the text.
    pub evidence: Vec<String>,
}

/// Per-article statistics.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ArticleStats {
    /// Bytes of extracted text before cleaning.
    pub extracted_bytes: usize,
    /// Bytes of cleaned text.
    pub cleaned_bytes: usize,
    /// Quotes found.
    pub quotes: usize,
    /// Quotes with a named speaker.
    pub named_quotes: usize,
    /// Quotes with an anonymous speaker.
    pub anonymous_quotes: usize,
    /// Distinct named people quoted.
    pub named_sources: usize,
    /// Share of attributed quotes that are anonymous (0..1), when any.
    pub anonymous_share: Option<f64>,
}

/// One analysed article.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BriefArticle {
    /// Unique id (file stem).
    pub id: ArticleId,
    /// The input path.
    pub path: String,
    /// Plain text or HTML.
    pub format: InputFormat,
    /// Encoding the input was decoded from.
    pub encoding: String,
    /// Title.
    pub title: Option<String>,
    /// Outlet name.
    pub outlet: Option<String>,
    /// Why we think it's that outlet.
    pub outlet_evidence: Option<String>,
    /// Publication date or estimated window.
    pub published: Option<PubDate>,
    /// Story this article belongs to.
    pub story: Option<String>,
    /// Quality flags.
    pub flags: Vec<Flag>,
    /// Text removed by cleaning (spans into the extracted text; `at` into `text`).
    pub removed: Vec<Removal>,
    /// Repairs made in place.
    pub repairs: Vec<Repair>,
    /// Counts.
    pub stats: ArticleStats,
    /// The cleaned text: every span in the brief indexes it.
    pub text: String,
}

/// A group of articles about the same development.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Story {
    /// Stable id derived from the story's earliest article.
    pub id: String,
    /// A representative title.
    pub title: String,
    /// Member article ids, in time order.
    pub articles: Vec<ArticleId>,
    /// Earliest publication date (or window start) among members.
    pub start: Option<NaiveDate>,
    /// Latest publication date among members.
    pub end: Option<NaiveDate>,
    /// Articles that are nobody's copy or rewrite within the story.
    pub independent_sources: usize,
    /// Most-mentioned entities (ids).
    pub key_entities: Vec<String>,
}

/// One role an entity holds, and which articles say so.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityRole {
    /// The title ("Secretary of State").
    pub title: String,
    /// Qualifier ("U.S.").
    pub qualifier: Option<String>,
    /// Relation to another person, if the role is one.
    pub relation: Option<String>,
    /// Where it is stated.
    pub evidence: Vec<SpanRef>,
}

/// A byte span in one article.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SpanRef {
    /// The article.
    pub article: ArticleId,
    /// First byte in the article's cleaned text.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// A canonical entity across the corpus.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entity {
    /// Stable id (`person:vladimir-putin`).
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Person, organisation or place.
    pub kind: EntityKind,
    /// Other names seen for it (variants, short forms, nicknames).
    pub aliases: Vec<String>,
    /// Roles and titles, with evidence.
    pub roles: Vec<EntityRole>,
    /// Every mention.
    pub mentions: Vec<SpanRef>,
    /// Number of distinct articles mentioning it.
    pub article_count: usize,
}

/// A quote in the brief.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BriefQuote {
    /// The article.
    pub article: ArticleId,
    /// The quoted words.
    pub text: String,
    /// Speaker entity id, or null when unknown / anonymous / group.
    pub speaker: Option<String>,
    /// The speaker as written.
    pub speaker_text: Option<String>,
    /// Named, anonymous, group or pronoun.
    pub speaker_kind: Option<SpeakerKind>,
    /// Where the speaker text lies.
    pub speaker_start: Option<usize>,
    /// End of the speaker text.
    pub speaker_end: Option<usize>,
    /// Direct or partial.
    pub kind: QuoteKind,
    /// Reporting cue.
    pub cue: Option<String>,
    /// First byte of the quoted words.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Id of the group of the same quote across articles (`q1`, …).
    pub group: Option<String>,
}

/// A number in the brief.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BriefNumber {
    /// The article.
    pub article: ArticleId,
    /// The text.
    pub text: String,
    /// Value in base units.
    pub value: f64,
    /// Unit.
    pub unit: Option<String>,
    /// Kind of quantity.
    pub kind: NumberKind,
    /// What it measures.
    pub measure: Option<String>,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// A date expression in the brief.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BriefDate {
    /// The article.
    pub article: ArticleId,
    /// The text.
    pub text: String,
    /// Earliest day it means.
    pub resolved_start: Option<NaiveDate>,
    /// Latest day it means.
    pub resolved_end: Option<NaiveDate>,
    /// Resolved against the publication date.
    pub relative: bool,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// A dated event on the timeline.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TimelineEvent {
    /// The day (or window start).
    pub date: NaiveDate,
    /// The window end when the date is not a single day.
    pub date_end: Option<NaiveDate>,
    /// What happened (the sentence from the first source).
    pub text: String,
    /// Every place it is stated (one per article).
    pub sources: Vec<SpanRef>,
}

/// A copy/rewrite link from an article to its likely origin.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CopyLink {
    /// The copy.
    pub article: ArticleId,
    /// Its likely origin.
    pub origin: ArticleId,
    /// `exact`, `near_duplicate`, `copy` (partial) or `rewrite`.
    pub relation: String,
    /// Similarity score 0..1.
    pub score: f64,
    /// Why: shared shingles, shared sentences, dates.
    pub evidence: Vec<String>,
    /// Facts, figures and quotes the copy states differently from the
    /// origin (empty for faithful copies).
    #[serde(default)]
    pub differences: Vec<Difference>,
}

/// A fact a copy states differently from its origin, with both spans.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Difference {
    /// `number`, `name`, `name_variant` (a spelling, not a disagreement),
    /// `role`, `relation`, `quote_wording` or `quote_speaker`.
    pub kind: String,
    /// One-line summary.
    pub summary: String,
    /// Where the copy says it (byte span into the copy's cleaned text).
    pub copy: Excerpt,
    /// Where the origin says it otherwise (span into the origin's text).
    pub origin: Excerpt,
}

/// A byte span of one article's cleaned text, with the text it covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Excerpt {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The text at the span.
    pub text: String,
}

/// One side of a disagreement.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Side {
    /// The article.
    pub article: ArticleId,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The text at the span.
    pub text: String,
    /// The value this side states (a role, a number, a speaker).
    pub value: String,
}

/// A disagreement between sources, or a single-source item.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Disagreement {
    /// `quote_wording`, `quote_speaker`, `role`, `role_stale`, `relation`,
    /// `number`, `name` (a person swapped in a copy), `single_source`.
    pub kind: String,
    /// What it is about (an entity name, a measure, a quote group).
    pub subject: String,
    /// One-line summary.
    pub summary: String,
    /// The first side's article (for the flat JSON shape).
    pub article: ArticleId,
    /// The first side's start.
    pub start: usize,
    /// The first side's end.
    pub end: usize,
    /// All sides, each with its evidence.
    pub sides: Vec<Side>,
}

/// Quality signals for one outlet.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OutletSummary {
    /// Outlet name (or `(unknown)`).
    pub name: String,
    /// Articles from it.
    pub articles: usize,
    /// How many of them are copies or rewrites of another article.
    pub copies: usize,
    /// How many had residue removed.
    pub with_residue: usize,
    /// How many leaked rewriting instructions.
    pub with_rewrite_leaks: usize,
    /// Share of its attributed quotes that are anonymous.
    pub anonymous_share: Option<f64>,
    /// Disagreements in which its article is the odd one out.
    pub odd_one_out: usize,
}
