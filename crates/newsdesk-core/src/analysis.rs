//! Per-article analysis records: what the analyse stage finds in one
//! article's cleaned text. Every record carries the [`Span`] it came from.

use crate::{EntityKind, PubDate, Span};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A sentence of the cleaned text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// Where it lies.
    pub span: Span,
}

/// A role or title attached to a mention, e.g. "Secretary of State" with
/// qualifier "U.S." for "U.S. Secretary of State Marco Rubio".
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RoleMention {
    /// The role, normalised ("Secretary of State", "President", "special envoy").
    pub title: String,
    /// Country / organisation qualifying the role ("U.S.", "Ukrainian", "NATO").
    pub qualifier: Option<String>,
    /// Family or other relation to another person ("son-in-law of Donald Trump").
    pub relation: Option<String>,
    /// Where the role text lies (covers title and qualifier).
    pub span: Span,
}

/// One mention of a named entity in an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// Where the *name* lies (titles excluded: "Marco Rubio", not
    /// "Secretary of State Marco Rubio").
    pub span: Span,
    /// The surface text of the name.
    pub text: String,
    /// The best full name this mention refers to within the article
    /// (e.g. "Vladimir Putin" for a later "Putin"; nickname quotes removed:
    /// "Stephen Witkoff" for `Stephen "Steve" Witkoff`).
    pub name: String,
    /// Person, organisation or place.
    pub kind: EntityKind,
    /// Nicknames or alternate forms seen in this mention ("Steve").
    pub aliases: Vec<String>,
    /// Role attached at this mention, if any.
    pub role: Option<RoleMention>,
}

/// Who a quote is attributed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpeakerKind {
    /// A named person or organisation.
    Named,
    /// An anonymous source ("a European official").
    Anonymous,
    /// A group ("Britain, France and Germany", "European officials").
    Group,
    /// A pronoun resolved to a named person.
    Pronoun,
}

/// The speaker of a quote as found in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Speaker {
    /// The speaker as written ("Trump", "a European official", "he").
    pub text: String,
    /// Where that text lies.
    pub span: Span,
    /// What kind of speaker.
    pub kind: SpeakerKind,
    /// For named and pronoun speakers: the full name resolved within the
    /// article (matches a [`Mention::name`]); `None` otherwise.
    pub name: Option<String>,
}

/// Direct (full sentence(s) in quotation marks) or partial (a fragment in
/// quotation marks inside reported speech).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteKind {
    /// Whole sentence(s) quoted.
    Direct,
    /// A fragment quoted inside the reporter's sentence.
    Partial,
}

/// A quotation with its speaker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted words, without the quotation marks.
    pub span: Span,
    /// The quoted text (equals `span` sliced from the cleaned text).
    pub text: String,
    /// Direct or partial.
    pub kind: QuoteKind,
    /// The speaker, or `None` when it can't be told with confidence.
    pub speaker: Option<Speaker>,
    /// The reporting verb or cue ("said", "told Newsweek", "according to").
    pub cue: Option<String>,
}

/// What kind of quantity a number is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NumberKind {
    /// An amount of money.
    Money,
    /// A percentage.
    Percent,
    /// A count of things.
    Count,
    /// A duration ("30-day", "three-year").
    Duration,
    /// An ordinal ("80th").
    Ordinal,
    /// Anything else numeric.
    Other,
}

/// A number with what it measures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NumberMention {
    /// Where the number expression lies ("$66.5 billion").
    pub span: Span,
    /// The text of the expression.
    pub text: String,
    /// Its value in base units (66.5e9).
    pub value: f64,
    /// Currency code or unit ("USD", "%", "day", "page").
    pub unit: Option<String>,
    /// What kind of quantity.
    pub kind: NumberKind,
    /// What it measures, when the text says ("military aid since 2022").
    pub measure: Option<String>,
}

/// A date or time expression, resolved when possible.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateMention {
    /// Where it lies.
    pub span: Span,
    /// The text ("Monday", "February 28, 2025", "last week").
    pub text: String,
    /// Earliest day it can mean, when resolved.
    pub start: Option<NaiveDate>,
    /// Latest day it can mean (equal to `start` for a single day; the
    /// month's last day for "April 2025").
    pub end: Option<NaiveDate>,
    /// True for expressions resolved against the publication date
    /// ("Monday", "last week").
    pub relative: bool,
    /// The sentence-level event this date anchors, a short text for the
    /// timeline (the sentence, trimmed).
    pub context: String,
}

/// Where an outlet name came from, and the name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outlet {
    /// Outlet name or domain ("cgtn.com", "TheFeedWire").
    pub name: String,
    /// Why we think so ("Reference(s): cgtn.com", "contact e-mail domain").
    pub evidence: String,
}

/// Everything the analyse stage finds in one article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// The title (from markup, or the headline line of the text).
    pub title: Option<String>,
    /// The outlet, when the text or markup names it.
    pub outlet: Option<Outlet>,
    /// Publication date or estimated window.
    pub published: Option<PubDate>,
    /// Sentences.
    pub sentences: Vec<Sentence>,
    /// Named-entity mentions.
    pub mentions: Vec<Mention>,
    /// Quotations.
    pub quotes: Vec<Quote>,
    /// Numbers.
    pub numbers: Vec<NumberMention>,
    /// Dates.
    pub dates: Vec<DateMention>,
}
