//! JSON-LD parsing on arbitrary scripts.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| bodycopy_fuzz::json_ld(data));
