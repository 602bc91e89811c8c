//! Publication dates: known, or estimated as a window with evidence.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Where a publication date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PubDateSource {
    /// HTML metadata (JSON-LD, OpenGraph, `<time>`).
    Markup,
    /// A dateline or "Published …" line in the text.
    Text,
    /// Estimated from the dates and weekdays the text mentions.
    Estimated,
}

/// An article's publication date: exact, or a window `[earliest, latest]`
/// when only estimated. `evidence` says why, in words a reader can check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PubDate {
    /// Earliest possible date.
    pub earliest: NaiveDate,
    /// Latest possible date (equal to `earliest` for a known date).
    pub latest: NaiveDate,
    /// How the date was found.
    pub source: PubDateSource,
    /// Human-readable evidence ("latest date mentioned: 2025-04-28 …").
    pub evidence: Vec<String>,
}

impl PubDate {
    /// A known date.
    pub fn exact(d: NaiveDate, source: PubDateSource, evidence: impl Into<String>) -> Self {
        PubDate {
            earliest: d,
            latest: d,
            source,
            evidence: vec![evidence.into()],
        }
    }
    /// True when the date is known to the day.
    pub fn is_exact(&self) -> bool {
        self.earliest == self.latest
    }
    /// A representative day for ordering (the earliest).
    pub fn anchor(&self) -> NaiveDate {
        self.earliest
    }
}
