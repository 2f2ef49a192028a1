//! Quality gate: every dataset of `tests/floors.json` must score at least its floors, with no
//! page errors or panics.
//!
//! The benchmark folder comes from `BODYCOPY_BENCH` (default: `<repo>/../shared/bench`); when it
//! is absent the gate is skipped (and passes). Run it with `cargo test --release`: in a debug
//! build the extractor is many times slower.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use bodycopy::Config;
use bodycopy_eval::{run_dataset_threads, Dataset, Report};
use serde::Deserialize;

#[derive(Deserialize, Debug)]
struct Floor {
    f1: f64,
    #[serde(default)]
    bow_f1: Option<f64>,
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn bench_dir() -> PathBuf {
    match std::env::var_os("BODYCOPY_BENCH") {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => repo_root().join("../shared/bench"),
    }
}

#[test]
fn quality_gate() {
    let bench = bench_dir();
    if !bench.is_dir() {
        println!(
            "quality gate skipped: benchmark folder {} not found (set BODYCOPY_BENCH)",
            bench.display()
        );
        return;
    }
    let floors_path = repo_root().join("tests/floors.json");
    let floors: BTreeMap<String, Floor> = serde_json::from_slice(
        &std::fs::read(&floors_path)
            .unwrap_or_else(|e| panic!("reading {}: {e}", floors_path.display())),
    )
    .unwrap_or_else(|e| panic!("parsing {}: {e}", floors_path.display()));
    assert!(
        !floors.is_empty(),
        "{} lists no dataset",
        floors_path.display()
    );

    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let config = Config::default();
    // One thread per dataset, each handing its pages to `cores` workers: the small sets finish
    // while the large one is still running, and the cores stay busy.
    let reports: Vec<(String, Result<Report, String>)> = std::thread::scope(|s| {
        let handles: Vec<_> = floors
            .keys()
            .map(|name| {
                let path = bench.join(name);
                let config = &config;
                let h = s.spawn(move || {
                    let ds = Dataset::load(&path).map_err(|e| e.to_string())?;
                    let run = run_dataset_threads(&ds, config, cores);
                    Ok(Report::from_run(&run))
                });
                (name.clone(), h)
            })
            .collect();
        handles
            .into_iter()
            .map(|(name, h)| {
                let r = h
                    .join()
                    .unwrap_or_else(|_| Err("the dataset run panicked".to_string()));
                (name, r)
            })
            .collect()
    });

    let mut failures = Vec::new();
    for (name, report) in &reports {
        let floor = &floors[name];
        let report = match report {
            Ok(r) => r,
            Err(e) => {
                failures.push(format!("{name}: {e}"));
                continue;
            }
        };
        print!("{}", report.table());
        if report.shingle.f1 < floor.f1 {
            failures.push(format!(
                "{name}: F1 {:.4} is below its floor {:.2}",
                report.shingle.f1, floor.f1
            ));
        }
        if let Some(bow_floor) = floor.bow_f1 {
            if report.bow.f1 < bow_floor {
                failures.push(format!(
                    "{name}: BoW F1 {:.4} is below its floor {:.2}",
                    report.bow.f1, bow_floor
                ));
            }
        }
        for e in &report.errors {
            failures.push(format!("{name}: page {} failed: {}", e.id, e.error));
        }
    }
    assert!(
        failures.is_empty(),
        "quality gate failed:\n  {}",
        failures.join("\n  ")
    );
}
