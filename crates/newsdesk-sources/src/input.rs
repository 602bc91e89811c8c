//! Opening sources: files, folders, any reader; detection and dispatch to
//! the per-format readers; small bounded-reading helpers they share.

use crate::gz::{Counting, GzMembers};
use crate::{
    article, detect, feed, jsonl, warc, RecordError, RecordResult, Records, SourceKind,
    SourceOptions,
};
use std::fs::File;
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::Path;

/// A boxed record stream.
pub(crate) type Iter = Box<dyn Iterator<Item = RecordResult> + Send>;

/// How many leading bytes are read for detection (then replayed).
const HEAD: usize = 16 * 1024;

/// Read buffer size for files: large reads, few syscalls.
const BUF: usize = 256 * 1024;

pub(crate) fn read_source(path: &Path, opts: &SourceOptions) -> Records {
    if path.is_dir() {
        let (paths, rejected) = newsdesk_ingest::collect_paths(&[path.to_path_buf()]);
        let opts = opts.clone();
        let errors = rejected
            .into_iter()
            .map(|r| Err(RecordError::rejected(r.path, r.reason)));
        Records::new(errors.chain(paths.into_iter().flat_map(move |p| open_file(&p, &opts))))
    } else {
        Records::new(open_file(path, opts))
    }
}

fn open_file(path: &Path, opts: &SourceOptions) -> Iter {
    let name = path.display().to_string();
    match File::open(path) {
        Ok(f) => from_reader(name, Box::new(f), opts.clone()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            one(RecordError::rejected(name, "not found"))
        }
        Err(e) => one(RecordError::rejected(name, format!("unreadable: {e}"))),
    }
}

/// A stream holding a single error.
pub(crate) fn one(e: RecordError) -> Iter {
    Box::new(std::iter::once(Err(e)))
}

pub(crate) fn from_reader(name: String, mut r: Box<dyn Read + Send>, opts: SourceOptions) -> Iter {
    let mut head = Vec::with_capacity(HEAD);
    if let Err(e) = (&mut r).take(HEAD as u64).read_to_end(&mut head) {
        return one(RecordError::rejected(name, format!("unreadable: {e}")));
    }
    let kind = opts.kind.unwrap_or_else(|| detect(Path::new(&name), &head));
    let gz = head.starts_with(&[0x1f, 0x8b]);
    // The head is replayed in front of the rest: nothing is read twice.
    let stream = BufReader::with_capacity(BUF, Cursor::new(head).chain(r));
    if kind == SourceKind::Warc {
        let input: Box<dyn warc::WarcInput> = if gz {
            Box::new(GzMembers::new(stream))
        } else {
            Box::new(Counting::new(stream))
        };
        return Box::new(warc::WarcReader::new(name, input, opts));
    }
    let body: Box<dyn BufRead + Send> = if gz {
        Box::new(BufReader::with_capacity(
            64 * 1024,
            flate2::bufread::MultiGzDecoder::new(stream),
        ))
    } else {
        Box::new(stream)
    };
    match kind {
        SourceKind::JsonLines => Box::new(jsonl::JsonlReader::new(name, body, opts)),
        SourceKind::Feed => feed::read_feed(name, body, &opts),
        _ => article::read_article(name, body, &opts),
    }
}

/// Reads one line (through its `\n`) into `out`, storing at most `cap`
/// bytes but always consuming the whole line. Returns the bytes consumed
/// (0 at end of input) and whether the line was longer than `cap`.
pub(crate) fn read_line_capped(
    r: &mut dyn BufRead,
    out: &mut Vec<u8>,
    cap: usize,
) -> io::Result<(usize, bool)> {
    let mut total = 0;
    let mut over = false;
    loop {
        let buf = match r.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            break;
        }
        let (take, done) = match memchr::memchr(b'\n', buf) {
            Some(i) => (i + 1, true),
            None => (buf.len(), false),
        };
        let room = cap.saturating_sub(out.len());
        if take > room {
            over = true;
            out.extend_from_slice(&buf[..room]);
        } else {
            out.extend_from_slice(&buf[..take]);
        }
        r.consume(take);
        total += take;
        if done {
            break;
        }
    }
    Ok((total, over))
}

/// Reads at most `cap + 1` bytes: the caller tells "too large" by length.
pub(crate) fn read_capped(r: &mut dyn Read, cap: u64) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    r.take(cap.saturating_add(1)).read_to_end(&mut out)?;
    Ok(out)
}

/// Describes a read error, naming gzip trouble as such.
pub(crate) fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::UnexpectedEof => format!("truncated input ({e})"),
        io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData => format!("corrupt data ({e})"),
        _ => format!("unreadable ({e})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_consumed_but_capped() {
        let data = b"0123456789\nab\n";
        let mut r = &data[..];
        let mut out = Vec::new();
        assert_eq!(read_line_capped(&mut r, &mut out, 4).unwrap(), (11, true));
        assert_eq!(out, b"0123");
        out.clear();
        assert_eq!(read_line_capped(&mut r, &mut out, 4).unwrap(), (3, false));
        assert_eq!(out, b"ab\n");
        out.clear();
        assert_eq!(read_line_capped(&mut r, &mut out, 4).unwrap(), (0, false));
    }
}
