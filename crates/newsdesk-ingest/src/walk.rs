//! Input discovery (files and folders) and article-id assignment.

use newsdesk_core::{ArticleId, Rejected};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

fn reject(path: &Path, reason: impl Into<String>) -> Rejected {
    Rejected {
        path: path.display().to_string(),
        reason: reason.into(),
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

pub(crate) fn collect_paths(inputs: &[PathBuf]) -> (Vec<PathBuf>, Vec<Rejected>) {
    let mut files = Vec::new();
    let mut rejected = Vec::new();
    // Dedup by the path as produced, so a file given twice (or given and
    // also inside a given folder, under the same spelling) is read once.
    let mut seen = BTreeSet::new();
    let mut push = |p: PathBuf, files: &mut Vec<PathBuf>| {
        if seen.insert(p.clone()) {
            files.push(p);
        }
    };
    for input in inputs {
        let meta = match std::fs::metadata(input) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                rejected.push(reject(input, "not found"));
                continue;
            }
            Err(e) => {
                rejected.push(reject(input, format!("unreadable: {e}")));
                continue;
            }
        };
        if meta.is_file() {
            push(input.clone(), &mut files);
            continue;
        }
        if !meta.is_dir() {
            rejected.push(reject(input, "not a regular file"));
            continue;
        }
        // follow_links: walkdir detects loops (ancestor checks) and reports
        // them as errors instead of descending forever.
        let walker = WalkDir::new(input)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_file() => push(e.into_path(), &mut files),
                Ok(_) => {}
                Err(err) => {
                    let path = err
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| input.clone());
                    let reason = if err.loop_ancestor().is_some() {
                        "symlink loop".to_string()
                    } else if err.io_error().map(|e| e.kind()) == Some(std::io::ErrorKind::NotFound)
                    {
                        "not found".to_string()
                    } else {
                        match err.io_error() {
                            Some(e) => format!("unreadable: {e}"),
                            None => format!("unreadable: {err}"),
                        }
                    };
                    rejected.push(reject(&path, reason));
                }
            }
        }
    }
    (files, rejected)
}

/// The id stem of one path: file name without `.gz`, then without the
/// extension.
fn stem(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = match name.len().checked_sub(3) {
        Some(cut)
            if name.is_char_boundary(cut) && name[cut..].eq_ignore_ascii_case(".gz") && cut > 0 =>
        {
            name[..cut].to_string()
        }
        _ => name,
    };
    let s = Path::new(&name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if s.is_empty() {
        "article".to_string()
    } else {
        s
    }
}

pub(crate) fn assign_ids(paths: &[PathBuf]) -> Vec<ArticleId> {
    let mut used: BTreeSet<String> = BTreeSet::new();
    let mut out = Vec::with_capacity(paths.len());
    for p in paths {
        let base = stem(p);
        let mut id = base.clone();
        let mut n = 2;
        // Also guards against a natural stem like "a-2" colliding with a
        // generated suffix.
        while used.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        used.insert(id.clone());
        out.push(ArticleId::new(id));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_strip_gz_and_extension_and_dedupe() {
        let paths: Vec<PathBuf> = [
            "a/story.html.gz",
            "b/story.txt",
            "c/story",
            "d/story-2.txt",
            "e/.hidden",
            "f/x.GZ",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        let ids: Vec<String> = assign_ids(&paths).into_iter().map(|i| i.0).collect();
        assert_eq!(
            ids,
            ["story", "story-2", "story-3", "story-2-2", ".hidden", "x"]
        );
    }
}
