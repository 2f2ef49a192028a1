//! The date parser on arbitrary text.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| bodycopy_fuzz::date(data));
