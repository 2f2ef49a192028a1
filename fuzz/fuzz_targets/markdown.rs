//! The Markdown, HTML and text writers on arbitrary blocks.
#![no_main]

libfuzzer_sys::fuzz_target!(
    |blocks: Vec<bodycopy_fuzz::FuzzBlock>| bodycopy_fuzz::markdown(&blocks)
);
