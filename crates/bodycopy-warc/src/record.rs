//! One WARC record: version, named header fields, and the block.

use crate::headers::Headers;

/// The WARC format version of a record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Version {
    /// `WARC/1.0`.
    V1_0,
    /// `WARC/1.1`.
    V1_1,
}

impl Version {
    /// The version line's text, e.g. `WARC/1.1`.
    pub fn as_str(self) -> &'static str {
        match self {
            Version::V1_0 => "WARC/1.0",
            Version::V1_1 => "WARC/1.1",
        }
    }
}

/// A record as read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// The format version.
    pub version: Version,
    /// The WARC header fields.
    pub headers: Headers,
    /// The block (for a `response` record: the HTTP response, headers and body).
    /// Empty when the block was over [`crate::ReaderConfig::max_block`].
    pub block: Vec<u8>,
    /// The block's length from `Content-Length`.
    pub block_len: u64,
    /// Offset of the record in the decompressed stream.
    pub offset: u64,
}

impl Record {
    /// `WARC-Type` (`response`, `request`, `metadata`, `warcinfo`, ...).
    pub fn warc_type(&self) -> Option<&str> {
        self.headers.get("WARC-Type")
    }

    /// `WARC-Record-ID`, e.g. `<urn:uuid:...>`.
    pub fn record_id(&self) -> Option<&str> {
        self.headers.get("WARC-Record-ID")
    }

    /// `WARC-Date` (ISO 8601 as written).
    pub fn date(&self) -> Option<&str> {
        self.headers.get("WARC-Date")
    }

    /// `WARC-Target-URI`.
    pub fn target_uri(&self) -> Option<&str> {
        self.headers.get("WARC-Target-URI")
    }

    /// The record's `Content-Type` (of the block, e.g. `application/http; msgtype=response`).
    pub fn content_type(&self) -> Option<&str> {
        self.headers.get("Content-Type")
    }

    /// True when the block was skipped for being over the size cap.
    pub fn is_oversize(&self) -> bool {
        self.block.len() as u64 != self.block_len
    }
}
