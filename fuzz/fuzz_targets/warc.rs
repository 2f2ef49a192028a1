//! The WARC reader (plain and gzip, any read-buffer size) and HTTP response parsing.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| bodycopy_fuzz::warc(data));
