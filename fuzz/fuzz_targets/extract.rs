//! Extraction on arbitrary bytes, options derived from the input.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| bodycopy_fuzz::extract(data));
