//! Encoding detection and decoding on arbitrary bytes and headers.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| bodycopy_fuzz::decode(data));
