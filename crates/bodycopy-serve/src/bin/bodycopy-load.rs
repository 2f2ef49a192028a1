//! `bodycopy-load`: a small load generator for the service, meant to run as a
//! second process. It posts one page repeatedly over keep-alive connections, in
//! phases ending at each checkpoint, and reports per phase the requests per
//! second, p50/p99 latency, errors, and the server's RSS (read from
//! `/proc/<pid>/status` when `--server-pid` is given).
//!
//! ```text
//! bodycopy-load --url http://127.0.0.1:8080/v1/extract --file page.html \
//!     --checkpoints 1000,10000 --concurrency 4 --server-pid 1234 [--json]
//! ```
//! Exits 1 when any request failed (transport error or a status other than 200).

use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

const USAGE: &str = "usage: bodycopy-load --url URL --file PAGE [--checkpoints N,N...] \
[--concurrency C] [--server-pid PID] [--content-type TYPE] [--json]";

struct Args {
    url: String,
    body: Vec<u8>,
    content_type: String,
    checkpoints: Vec<usize>,
    concurrency: usize,
    server_pid: Option<u32>,
    json: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = std::env::args().skip(1);
    let (mut url, mut file, mut pid) = (None, None, None);
    let mut checkpoints = vec![1000];
    let mut concurrency = 4;
    let mut content_type = "text/html; charset=utf-8".to_string();
    let mut json = false;
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--url" => url = Some(value()?),
            "--file" => file = Some(value()?),
            "--content-type" => content_type = value()?,
            "--server-pid" => {
                pid = Some(value()?.parse().map_err(|e| format!("--server-pid: {e}"))?)
            }
            "--concurrency" => {
                concurrency = value()?
                    .parse()
                    .map_err(|e| format!("--concurrency: {e}"))?
            }
            "--checkpoints" => {
                checkpoints = value()?
                    .split(',')
                    .map(|n| n.trim().parse::<usize>())
                    .collect::<Result<_, _>>()
                    .map_err(|e| format!("--checkpoints: {e}"))?
            }
            "--json" => json = true,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    let url = url.ok_or("--url is required")?;
    let file = file.ok_or("--file is required")?;
    let body = std::fs::read(&file).map_err(|e| format!("{file}: {e}"))?;
    if checkpoints.is_empty() || checkpoints.windows(2).any(|w| w[0] >= w[1]) || checkpoints[0] == 0
    {
        return Err("--checkpoints must be increasing positive counts".to_string());
    }
    Ok(Args {
        url,
        body,
        content_type,
        checkpoints,
        concurrency: concurrency.max(1),
        server_pid: pid,
        json,
    })
}

/// The resident set size of `pid` in kB.
fn rss_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// One phase's figures.
struct Phase {
    until: usize,
    seconds: f64,
    latencies: Vec<Duration>,
    errors: usize,
    rss_kb: Option<u64>,
}

impl Phase {
    fn percentile_ms(&self, p: f64) -> f64 {
        if self.latencies.is_empty() {
            return 0.0;
        }
        let i = ((self.latencies.len() as f64 - 1.0) * p).round() as usize;
        self.latencies[i].as_secs_f64() * 1000.0
    }
}

/// Send requests `from..until` over `concurrency` connections.
fn run_phase(args: &Args, agents: &[ureq::Agent], from: usize, until: usize) -> Phase {
    let next = AtomicUsize::new(from);
    let latencies = Mutex::new(Vec::with_capacity(until - from));
    let errors = AtomicUsize::new(0);
    let first_error = Mutex::new(None::<String>);
    let start = Instant::now();
    std::thread::scope(|s| {
        for agent in agents {
            s.spawn(|| {
                let mut mine = Vec::new();
                while next.fetch_add(1, Ordering::Relaxed) < until {
                    let t = Instant::now();
                    let outcome = agent
                        .post(&args.url)
                        .header("Content-Type", &args.content_type)
                        .send(&args.body[..])
                        .map_err(|e| e.to_string())
                        .and_then(|mut r| {
                            let status = r.status().as_u16();
                            r.body_mut()
                                .read_to_vec()
                                .map_err(|e| e.to_string())
                                .and_then(|_| {
                                    if status == 200 {
                                        Ok(())
                                    } else {
                                        Err(format!("HTTP {status}"))
                                    }
                                })
                        });
                    mine.push(t.elapsed());
                    if let Err(e) = outcome {
                        errors.fetch_add(1, Ordering::Relaxed);
                        first_error.lock().unwrap().get_or_insert(e);
                    }
                }
                latencies.lock().unwrap().extend(mine);
            });
        }
    });
    let seconds = start.elapsed().as_secs_f64();
    if let Some(e) = first_error.into_inner().unwrap() {
        eprintln!("bodycopy-load: first error: {e}");
    }
    let mut latencies = latencies.into_inner().unwrap();
    latencies.sort();
    Phase {
        until,
        seconds,
        latencies,
        errors: errors.into_inner(),
        rss_kb: args.server_pid.and_then(rss_kb),
    }
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("bodycopy-load: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let agents: Vec<ureq::Agent> = (0..args.concurrency)
        .map(|_| {
            ureq::Agent::config_builder()
                .proxy(None)
                .http_status_as_error(false)
                .timeout_global(Some(Duration::from_secs(60)))
                .build()
                .new_agent()
        })
        .collect();
    if !args.json {
        println!(
            "bodycopy-load: POST {} ({} bytes, {}), {} connections",
            args.url,
            args.body.len(),
            args.content_type,
            args.concurrency
        );
    }
    let mut phases = Vec::new();
    let mut from = 0;
    for &until in &args.checkpoints {
        let phase = run_phase(&args, &agents, from, until);
        from = until;
        if !args.json {
            println!(
                "requests {:>6}..{:<6} {:>5} errors  {:>8.1} req/s  p50 {:>6.2} ms  p99 {:>6.2} ms  server RSS {}",
                phase.until - phase.latencies.len(),
                phase.until,
                phase.errors,
                phase.latencies.len() as f64 / phase.seconds,
                phase.percentile_ms(0.50),
                phase.percentile_ms(0.99),
                phase.rss_kb.map_or("-".to_string(), |kb| format!("{:.1} MB after {} requests", kb as f64 / 1024.0, phase.until)),
            );
        }
        phases.push(phase);
    }
    let errors: usize = phases.iter().map(|p| p.errors).sum();
    if args.json {
        let list: Vec<_> = phases
            .iter()
            .map(|p| {
                serde_json::json!({
                    "until": p.until,
                    "requests": p.latencies.len(),
                    "errors": p.errors,
                    "requests_per_second": p.latencies.len() as f64 / p.seconds,
                    "p50_ms": p.percentile_ms(0.50),
                    "p99_ms": p.percentile_ms(0.99),
                    "server_rss_kb": p.rss_kb,
                })
            })
            .collect();
        println!("{}", serde_json::json!({"errors": errors, "phases": list}));
    } else if let (Some(first), Some(last)) = (
        phases.first().and_then(|p| p.rss_kb),
        phases.last().and_then(|p| p.rss_kb),
    ) {
        println!(
            "server RSS after {} requests {:.1} MB, after {} requests {:.1} MB: {:+.1}%",
            phases[0].until,
            first as f64 / 1024.0,
            phases[phases.len() - 1].until,
            last as f64 / 1024.0,
            (last as f64 / first as f64 - 1.0) * 100.0
        );
    }
    if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
