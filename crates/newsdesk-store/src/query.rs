//! Turns a user's search query into a safe FTS5 expression.
//!
//! Raw FTS5 syntax errors on ordinary input (`covid-19`, a stray quote,
//! `AND` at the end), so we parse a small, forgiving language ourselves
//! and quote every term: words (all must match), `"exact phrases"`,
//! `word*` prefixes, `-word` / `-"phrase"` exclusions, and `OR` between
//! two terms.

use crate::StoreError;

/// Most terms a query may have.
const MAX_TERMS: usize = 64;

#[derive(Debug)]
enum Tok {
    Term {
        text: String,
        phrase: bool,
        prefix: bool,
        negated: bool,
    },
    Or,
}

/// Translates a user query to an FTS5 `MATCH` expression.
///
/// ```
/// use newsdesk_store::fts_query;
/// assert_eq!(fts_query(r#"bridge "city council" -rumour"#).unwrap(),
///            r#"("bridge" AND "city council") NOT "rumour""#);
/// assert_eq!(fts_query("quill OR quil*").unwrap(), r#"("quill" OR "quil"*)"#);
/// assert!(fts_query("-only -negatives").is_err());
/// ```
pub fn fts_query(query: &str) -> Result<String, StoreError> {
    let toks = tokenize(query);
    // FTS5 parses expressions recursively; a pasted page as a query would
    // only be slow or hit its depth limit.
    if toks.len() > MAX_TERMS {
        return Err(StoreError::BadQuery(format!("more than {MAX_TERMS} terms")));
    }
    let mut groups: Vec<Vec<String>> = Vec::new();
    let mut negatives: Vec<String> = Vec::new();
    let mut pending_or = false;
    for t in toks {
        match t {
            Tok::Or => pending_or = !groups.is_empty(),
            Tok::Term {
                text,
                phrase,
                prefix,
                negated,
            } => {
                // A term without a letter or digit tokenizes to nothing and
                // would make FTS5 fail or match nothing: drop it.
                if !text.chars().any(char::is_alphanumeric) {
                    continue;
                }
                let mut q = format!("\"{}\"", text.replace('"', "\"\""));
                if prefix && !phrase {
                    q.push('*');
                }
                if negated {
                    negatives.push(q);
                    pending_or = false;
                } else if pending_or {
                    if let Some(g) = groups.last_mut() {
                        g.push(q);
                    }
                    pending_or = false;
                } else {
                    groups.push(vec![q]);
                }
            }
        }
    }
    if groups.is_empty() {
        return Err(StoreError::BadQuery(format!(
            "{query:?} has no term to look for (exclusions alone match nothing)"
        )));
    }
    let parts: Vec<String> = groups
        .into_iter()
        .map(|g| {
            if g.len() == 1 {
                g.into_iter().next().unwrap_or_default()
            } else {
                format!("({})", g.join(" OR "))
            }
        })
        .collect();
    let mut out = if parts.len() == 1 {
        parts.into_iter().next().unwrap_or_default()
    } else {
        format!("({})", parts.join(" AND "))
    };
    for n in negatives {
        out.push_str(" NOT ");
        out.push_str(&n);
    }
    Ok(out)
}

fn tokenize(q: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut chars = q.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let mut negated = false;
        if c == '-' {
            chars.next();
            match chars.peek() {
                Some(n) if !n.is_whitespace() => negated = true,
                _ => continue,
            }
        }
        if chars.peek() == Some(&'"') {
            chars.next();
            let mut text = String::new();
            for c in chars.by_ref() {
                if c == '"' {
                    break;
                }
                text.push(c);
            }
            out.push(Tok::Term {
                text,
                phrase: true,
                prefix: false,
                negated,
            });
            continue;
        }
        let mut text = String::new();
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() || c == '"' {
                break;
            }
            text.push(c);
            chars.next();
        }
        if text == "OR" && !negated {
            out.push(Tok::Or);
            continue;
        }
        let prefix = text.ends_with('*');
        let text = text.trim_end_matches('*').to_string();
        out.push(Tok::Term {
            text,
            phrase: false,
            prefix,
            negated,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forgiving_parse() {
        assert_eq!(fts_query("covid-19").unwrap(), "\"covid-19\"");
        assert_eq!(
            fts_query("\"unbalanced phrase").unwrap(),
            "\"unbalanced phrase\""
        );
        assert_eq!(fts_query("a OR").unwrap(), "\"a\"");
        assert_eq!(fts_query("OR a").unwrap(), "\"a\"");
        assert_eq!(
            fts_query("say \"he said \"\"").unwrap(),
            "(\"say\" AND \"he said \")"
        );
        assert_eq!(fts_query("x -\"y z\"").unwrap(), "\"x\" NOT \"y z\"");
        assert!(fts_query("— ... ").is_err());
        assert!(fts_query("").is_err());
        assert!(fts_query(" - ").is_err());
        assert!(fts_query(&"word ".repeat(65)).is_err());
        assert!(fts_query(&"word ".repeat(64)).is_ok());
    }
}
