//! Request metrics in the Prometheus text format: requests by route, method and
//! status, a latency histogram per route, bytes in and out, errors by code, and
//! the extraction slots in use.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Mutex;
use std::time::Duration;

/// Upper bounds of the latency histogram's buckets, in seconds.
const LATENCY_BUCKETS: [f64; 11] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// One route's latency histogram.
#[derive(Clone, Debug, Default)]
struct Histogram {
    /// Observations at or below each bound of [`LATENCY_BUCKETS`] (not cumulative).
    buckets: [u64; LATENCY_BUCKETS.len()],
    count: u64,
    sum: f64,
}

impl Histogram {
    fn observe(&mut self, seconds: f64) {
        if let Some(i) = LATENCY_BUCKETS.iter().position(|b| seconds <= *b) {
            self.buckets[i] += 1;
        }
        self.count += 1;
        self.sum += seconds;
    }
}

#[derive(Debug, Default)]
struct Counters {
    requests: BTreeMap<(String, String, u16), u64>,
    latency: BTreeMap<String, Histogram>,
    bytes_in: BTreeMap<String, u64>,
    bytes_out: BTreeMap<String, u64>,
    errors: BTreeMap<(String, &'static str), u64>,
}

/// One finished request, as the metrics see it.
#[derive(Clone, Debug)]
pub struct Observation<'a> {
    /// The matched route (`/v1/extract`), or `unmatched`.
    pub route: &'a str,
    /// The HTTP method.
    pub method: &'a str,
    /// The response status.
    pub status: u16,
    /// Time from the request to the response head.
    pub elapsed: Duration,
    /// Request body bytes (its `Content-Length`).
    pub bytes_in: u64,
    /// Response body bytes.
    pub bytes_out: u64,
    /// The error code, for error responses.
    pub error: Option<&'static str>,
}

/// The service's metrics.
#[derive(Debug, Default)]
pub struct Metrics {
    counters: Mutex<Counters>,
}

impl Metrics {
    /// Count one finished request.
    pub fn record(&self, o: &Observation<'_>) {
        let mut c = self.counters.lock().unwrap_or_else(|e| e.into_inner());
        *c.requests
            .entry((o.route.to_string(), o.method.to_string(), o.status))
            .or_default() += 1;
        c.latency
            .entry(o.route.to_string())
            .or_default()
            .observe(o.elapsed.as_secs_f64());
        *c.bytes_in.entry(o.route.to_string()).or_default() += o.bytes_in;
        *c.bytes_out.entry(o.route.to_string()).or_default() += o.bytes_out;
        if let Some(code) = o.error {
            *c.errors.entry((o.route.to_string(), code)).or_default() += 1;
        }
    }

    /// Everything in the Prometheus text exposition format (version 0.0.4);
    /// `slots_in_use` and `slots` describe the concurrency limit.
    pub fn render(&self, slots_in_use: usize, slots: usize) -> String {
        let c = self.counters.lock().unwrap_or_else(|e| e.into_inner());
        let mut out = String::new();
        header(
            &mut out,
            "bodycopy_http_requests_total",
            "counter",
            "HTTP requests by route, method and status.",
        );
        for ((route, method, status), n) in &c.requests {
            let _ = writeln!(out, "bodycopy_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{status}\"}} {n}", escape(route), escape(method));
        }
        header(
            &mut out,
            "bodycopy_http_request_duration_seconds",
            "histogram",
            "Time from request to response head, by route.",
        );
        for (route, h) in &c.latency {
            let route = escape(route);
            let mut cumulative = 0;
            for (bound, n) in LATENCY_BUCKETS.iter().zip(h.buckets) {
                cumulative += n;
                let _ = writeln!(out, "bodycopy_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{bound}\"}} {cumulative}");
            }
            let _ = writeln!(
                out,
                "bodycopy_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}",
                h.count
            );
            let _ = writeln!(
                out,
                "bodycopy_http_request_duration_seconds_sum{{route=\"{route}\"}} {}",
                h.sum
            );
            let _ = writeln!(
                out,
                "bodycopy_http_request_duration_seconds_count{{route=\"{route}\"}} {}",
                h.count
            );
        }
        for (name, help, map) in [
            (
                "bodycopy_http_request_bytes_total",
                "Request body bytes received, by route.",
                &c.bytes_in,
            ),
            (
                "bodycopy_http_response_bytes_total",
                "Response body bytes sent, by route.",
                &c.bytes_out,
            ),
        ] {
            header(&mut out, name, "counter", help);
            for (route, n) in map {
                let _ = writeln!(out, "{name}{{route=\"{}\"}} {n}", escape(route));
            }
        }
        header(
            &mut out,
            "bodycopy_http_errors_total",
            "counter",
            "Error responses by route and error code.",
        );
        for ((route, code), n) in &c.errors {
            let _ = writeln!(
                out,
                "bodycopy_http_errors_total{{route=\"{}\",code=\"{code}\"}} {n}",
                escape(route)
            );
        }
        header(
            &mut out,
            "bodycopy_extractions_in_flight",
            "gauge",
            "Extraction slots in use.",
        );
        let _ = writeln!(out, "bodycopy_extractions_in_flight {slots_in_use}");
        header(
            &mut out,
            "bodycopy_extraction_slots",
            "gauge",
            "Extraction slots (the concurrency limit).",
        );
        let _ = writeln!(out, "bodycopy_extraction_slots {slots}");
        out
    }
}

fn header(out: &mut String, name: &str, kind: &str, help: &str) {
    let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} {kind}");
}

/// A label value escaped for the text format.
fn escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_counters_and_cumulative_buckets() {
        let m = Metrics::default();
        for (status, ms, error) in [
            (200, 3, None),
            (200, 30, None),
            (413, 1, Some("body_too_large")),
        ] {
            m.record(&Observation {
                route: "/v1/extract",
                method: "POST",
                status,
                elapsed: Duration::from_millis(ms),
                bytes_in: 100,
                bytes_out: 10,
                error,
            });
        }
        let text = m.render(1, 4);
        assert!(text.contains(
            "bodycopy_http_requests_total{route=\"/v1/extract\",method=\"POST\",status=\"200\"} 2"
        ));
        assert!(text.contains(
            "bodycopy_http_requests_total{route=\"/v1/extract\",method=\"POST\",status=\"413\"} 1"
        ));
        assert!(text.contains(
            "bodycopy_http_request_duration_seconds_bucket{route=\"/v1/extract\",le=\"0.005\"} 2"
        ));
        assert!(text.contains(
            "bodycopy_http_request_duration_seconds_bucket{route=\"/v1/extract\",le=\"0.05\"} 3"
        ));
        assert!(
            text.contains("bodycopy_http_request_duration_seconds_count{route=\"/v1/extract\"} 3")
        );
        assert!(text.contains("bodycopy_http_request_bytes_total{route=\"/v1/extract\"} 300"));
        assert!(text.contains(
            "bodycopy_http_errors_total{route=\"/v1/extract\",code=\"body_too_large\"} 1"
        ));
        assert!(text.contains("bodycopy_extractions_in_flight 1"));
        assert_eq!(escape("a\"b"), "a\\\"b");
    }
}
