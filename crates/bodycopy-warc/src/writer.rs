//! A WARC/1.1 writer: one gzip member per record (as Common Crawl publishes) or plain.

use std::io::{self, Write};

use flate2::write::GzEncoder;
use flate2::Compression;

/// Writes records; `Content-Length` and the version line are added.
///
/// ```
/// let mut w = bodycopy_warc::Writer::new(Vec::new(), false);
/// w.write_record(&[("WARC-Type", "resource")], b"abc").unwrap();
/// let text = String::from_utf8(w.finish().unwrap()).unwrap();
/// assert!(text.starts_with("WARC/1.1\r\nWARC-Type: resource\r\nContent-Length: 3\r\n\r\nabc\r\n\r\n"));
/// ```
pub struct Writer<W: Write> {
    out: W,
    gzip: bool,
    records: u64,
}

impl<W: Write> Writer<W> {
    /// A writer over `out`; with `gzip`, each record is its own gzip member.
    pub fn new(out: W, gzip: bool) -> Self {
        Writer {
            out,
            gzip,
            records: 0,
        }
    }

    /// Write one record with the given header fields (without `Content-Length`) and block.
    pub fn write_record(&mut self, headers: &[(&str, &str)], block: &[u8]) -> io::Result<()> {
        let mut head = String::from("WARC/1.1\r\n");
        for (name, value) in headers {
            if name.contains([':', '\r', '\n']) || value.contains(['\r', '\n']) {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!("bad WARC header field {name:?}"),
                ));
            }
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\n\r\n", block.len()));
        if self.gzip {
            let mut gz = GzEncoder::new(&mut self.out, Compression::new(6));
            gz.write_all(head.as_bytes())?;
            gz.write_all(block)?;
            gz.write_all(b"\r\n\r\n")?;
            gz.finish()?;
        } else {
            self.out.write_all(head.as_bytes())?;
            self.out.write_all(block)?;
            self.out.write_all(b"\r\n\r\n")?;
        }
        self.records += 1;
        Ok(())
    }

    /// Write a `response` record for `url` holding an HTTP response block
    /// (see [`http_response`]); the record id is derived from `url`, `date` and the
    /// record's ordinal.
    pub fn write_response(&mut self, url: &str, date: &str, http_block: &[u8]) -> io::Result<()> {
        let id = record_id(&[url.as_bytes(), date.as_bytes(), &self.records.to_le_bytes()]);
        self.write_record(
            &[
                ("WARC-Type", "response"),
                ("WARC-Record-ID", &id),
                ("WARC-Date", date),
                ("WARC-Target-URI", url),
                ("Content-Type", "application/http; msgtype=response"),
            ],
            http_block,
        )
    }

    /// Records written so far.
    pub fn records(&self) -> u64 {
        self.records
    }

    /// The output written so far.
    pub fn get_ref(&self) -> &W {
        &self.out
    }

    /// Flush and return the output.
    pub fn finish(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

/// An HTTP/1.1 response block: status line, header fields, blank line, body.
pub fn http_response(status: u16, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status} {}\r\n", reason(status)).into_bytes();
    for (name, value) in headers {
        out.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
    }
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(body);
    out
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        404 => "Not Found",
        500 => "Internal Server Error",
        _ => "Status",
    }
}

/// A `<urn:uuid:...>` record id derived from the given parts (FNV-1a mixed to 128 bits,
/// formatted as a version-4 UUID): stable for the same parts, distinct for different ones.
pub fn record_id(parts: &[&[u8]]) -> String {
    let mut a: u64 = 0xcbf2_9ce4_8422_2325;
    let mut b: u64 = 0x8422_2325_cbf2_9ce4;
    for part in parts {
        for &byte in part.iter().chain(&[0xff]) {
            a = (a ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
            b = (b ^ u64::from(byte))
                .wrapping_mul(0x0000_0100_0000_01b3)
                .rotate_left(7);
        }
    }
    let (a, b) = (mix(a), mix(b ^ a));
    format!(
        "<urn:uuid:{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}>",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0x0fff,
        0x8000 | ((b >> 48) & 0x3fff),
        b & 0xffff_ffff_ffff
    )
}

/// The splitmix64 finaliser.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_ids_look_like_uuids_and_differ() {
        let a = record_id(&[b"http://a/"]);
        let b = record_id(&[b"http://b/"]);
        assert_ne!(a, b);
        assert_eq!(a, record_id(&[b"http://a/"]));
        assert_eq!(a.len(), "<urn:uuid:>".len() + 36);
        assert_eq!(&a[24..25], "4");
    }

    #[test]
    fn header_fields_with_line_breaks_are_refused() {
        let mut w = Writer::new(Vec::new(), false);
        assert!(w.write_record(&[("A", "b\r\nC: d")], b"").is_err());
    }
}
