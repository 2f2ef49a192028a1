//! Build a WARC.gz (one gzip member per record, as Common Crawl) from a folder of HTML
//! pages (plain or `.gz`), repeated until a size is reached: the input of throughput and memory runs.
//!
//! `cargo run --release -p bodycopy-warc --example pages_to_warc -- PAGES_DIR OUT.warc.gz [MIN_MB]`
//!
//! Each page becomes a `request` record and a `response` record (HTTP 200, text/html) for
//! `https://pages.example/<rep>/<file name>`; MIN_MB (default: one pass) repeats the pages
//! until the output holds at least that many megabytes.

use std::fs;
use std::io::{BufWriter, Read};
use std::path::PathBuf;

use bodycopy_warc::{http_response, Writer};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, out, rest @ ..] = args.as_slice() else {
        return Err("usage: pages_to_warc PAGES_DIR OUT.warc.gz [MIN_MB]".into());
    };
    let min_bytes: u64 = match rest.first() {
        Some(mb) => mb.parse::<u64>()? << 20,
        None => 0,
    };
    let mut pages: Vec<PathBuf> = fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    pages.retain(|p| {
        let name = p.to_string_lossy();
        [".html", ".htm", ".html.gz", ".htm.gz"]
            .iter()
            .any(|s| name.ends_with(s))
    });
    pages.sort();
    let file = fs::File::create(out)?;
    let mut w = Writer::new(BufWriter::new(file), true);
    let date = "2024-05-01T10:00:00Z";
    let mut rep = 0;
    loop {
        for page in &pages {
            let name = page.file_name().unwrap_or_default().to_string_lossy();
            let url = format!("https://pages.example/{rep}/{name}");
            let request = format!("GET /{rep}/{name} HTTP/1.1\r\nHost: pages.example\r\n\r\n");
            w.write_record(
                &[
                    ("WARC-Type", "request"),
                    ("WARC-Target-URI", &url),
                    ("WARC-Date", date),
                    ("Content-Type", "application/http; msgtype=request"),
                ],
                request.as_bytes(),
            )?;
            let mut body = fs::read(page)?;
            if name.ends_with(".gz") {
                let mut plain = Vec::new();
                flate2::read::MultiGzDecoder::new(&body[..]).read_to_end(&mut plain)?;
                body = plain;
            }
            let block = http_response(200, &[("Content-Type", "text/html")], &body);
            w.write_response(&url, date, &block)?;
        }
        rep += 1;
        let written = w.get_ref().get_ref().metadata()?.len();
        if written >= min_bytes || pages.is_empty() {
            break;
        }
    }
    let records = w.records();
    w.finish()?;
    let size = fs::metadata(out)?.len();
    eprintln!("{out}: {records} records, {} passes, {size} bytes", rep);
    Ok(())
}
