//! Multi-member gzip reading that knows where each member starts.
//!
//! `.warc.gz` files hold one gzip member per record, and tools (Common
//! Crawl's index, warcio) name a record by the compressed offset of its
//! member. flate2's `MultiGzDecoder` hides member boundaries, so this
//! reader drives `flate2::bufread::GzDecoder` one member at a time over a
//! byte-counting reader and serves decompressed bytes through its own
//! buffer, which never straddles two members: the position of the next
//! unread byte is always (member offset, offset inside the member).

use flate2::bufread::GzDecoder;
use std::io::{self, BufRead, Read};

/// A `BufRead` that counts consumed bytes.
pub(crate) struct Counting<R> {
    inner: R,
    pos: u64,
}

impl<R: BufRead> Counting<R> {
    pub(crate) fn new(inner: R) -> Self {
        Counting { inner, pos: 0 }
    }

    /// Bytes consumed so far.
    pub(crate) fn pos(&self) -> u64 {
        self.pos
    }
}

impl<R: BufRead> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        self.pos += amt as u64;
        self.inner.consume(amt);
    }
}

enum State<R: BufRead> {
    /// Between members (or before the first).
    Between(Counting<R>),
    /// Inside a member.
    In(GzDecoder<Counting<R>>),
    /// After a corrupt member: looking for the next gzip header.
    Resync(Counting<R>),
    /// End of input, or after an I/O error.
    Done,
}

/// Decompressed bytes of a multi-member gzip stream, with positions.
pub(crate) struct GzMembers<R: BufRead> {
    state: State<R>,
    buf: Box<[u8]>,
    start: usize,
    end: usize,
    /// Compressed offset of the member the buffered bytes come from.
    member: u64,
    /// Decompressed offset, inside that member, of `buf[start]`.
    offset: u64,
    /// An error was reported and no good member has been read since:
    /// further decode errors (false gzip headers met while resyncing) are
    /// not reported again.
    recovering: bool,
}

impl<R: BufRead> GzMembers<R> {
    pub(crate) fn new(inner: R) -> Self {
        GzMembers {
            state: State::Between(Counting::new(inner)),
            buf: vec![0; 64 * 1024].into_boxed_slice(),
            start: 0,
            end: 0,
            member: 0,
            offset: 0,
            recovering: false,
        }
    }

    /// (compressed offset of the current member, decompressed offset in it)
    /// of the next unread byte.
    pub(crate) fn position(&self) -> (u64, u64) {
        (self.member, self.offset)
    }

    /// Whether reading can go on after an error (a corrupt member is
    /// stepped over by looking for the next gzip header).
    pub(crate) fn can_resume(&self) -> bool {
        matches!(self.state, State::Resync(_))
    }

    fn refill(&mut self) -> io::Result<()> {
        loop {
            match std::mem::replace(&mut self.state, State::Done) {
                State::Done => return Ok(()),
                State::Between(mut r) => {
                    if r.fill_buf()?.is_empty() {
                        return Ok(());
                    }
                    self.member = r.pos();
                    self.offset = 0;
                    self.state = State::In(GzDecoder::new(r));
                }
                State::Resync(mut r) => {
                    let buf = r.fill_buf()?;
                    if buf.is_empty() {
                        return Ok(());
                    }
                    match memchr::memmem::find(buf, &[0x1f, 0x8b, 0x08]) {
                        Some(i) => {
                            r.consume(i);
                            self.state = State::Between(r);
                        }
                        None => {
                            // Keep a possible magic split across reads.
                            let keep = if buf.len() < 3 { 0 } else { 2 };
                            let n = buf.len() - keep;
                            r.consume(n);
                            self.state = State::Resync(r);
                        }
                    }
                }
                State::In(mut d) => match d.read(&mut self.buf) {
                    Ok(0) => self.state = State::Between(d.into_inner()),
                    Ok(n) => {
                        self.recovering = false;
                        self.state = State::In(d);
                        self.start = 0;
                        self.end = n;
                        return Ok(());
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => self.state = State::In(d),
                    Err(e) => {
                        let mut r = d.into_inner();
                        if r.pos() == self.member {
                            // Step past this header so resync moves on.
                            if !r.fill_buf()?.is_empty() {
                                r.consume(1);
                            }
                        }
                        self.state = State::Resync(r);
                        if !self.recovering {
                            self.recovering = true;
                            return Err(e);
                        }
                    }
                },
            }
        }
    }
}

impl<R: BufRead> Read for GzMembers<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let avail = self.fill_buf()?;
        let n = avail.len().min(out.len());
        out[..n].copy_from_slice(&avail[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for GzMembers<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.start >= self.end {
            self.start = 0;
            self.end = 0;
            self.refill()?;
        }
        Ok(&self.buf[self.start..self.end])
    }

    fn consume(&mut self, amt: usize) {
        let amt = amt.min(self.end - self.start);
        self.start += amt;
        self.offset += amt as u64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn member(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn positions_follow_members() {
        let a = member(b"first member");
        let b = member(b"second");
        let all = [a.clone(), b].concat();
        let mut r = GzMembers::new(&all[..]);
        assert_eq!(r.fill_buf().unwrap(), b"first member");
        assert_eq!(r.position(), (0, 0));
        r.consume(6);
        assert_eq!(r.position(), (0, 6));
        r.consume(6);
        assert_eq!(r.fill_buf().unwrap(), b"second");
        assert_eq!(r.position(), (a.len() as u64, 0));
        r.consume(6);
        assert!(r.fill_buf().unwrap().is_empty());
    }

    #[test]
    fn corrupt_member_is_stepped_over() {
        let a = member(b"one ");
        let mut b = member(&[b'y'; 3000]);
        let mid = b.len() / 2;
        for x in &mut b[12..mid] {
            *x ^= 0x5a;
        }
        let c = member(b"three");
        let all = [a, b, c].concat();
        let mut r = GzMembers::new(&all[..]);
        let mut out = Vec::new();
        let mut errors = 0;
        loop {
            match r.fill_buf() {
                Ok([]) => break,
                Ok(buf) => {
                    let n = buf.len();
                    out.extend_from_slice(buf);
                    r.consume(n);
                }
                Err(_) => {
                    errors += 1;
                    assert!(r.can_resume());
                }
            }
        }
        assert_eq!(errors, 1);
        assert!(out.starts_with(b"one "));
        assert!(out.ends_with(b"three"));
    }

    #[test]
    fn truncation_is_an_error_after_good_data() {
        let a = member(b"good");
        let b = member(&[b'x'; 5000]);
        let all = [a, b[..b.len() / 2].to_vec()].concat();
        let mut out = Vec::new();
        let err = GzMembers::new(&all[..]).read_to_end(&mut out);
        assert!(err.is_err());
        assert!(out.starts_with(b"good"));
    }
}
