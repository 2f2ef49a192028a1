//! Python bindings of bodycopy: the native module `bodycopy._bodycopy`.
//!
//! This layer only translates: keyword arguments into a [`bodycopy::Config`], Python
//! `str`/`bytes` into the library's input, [`bodycopy::Document`] into a Python object and
//! [`bodycopy::Error`] into the exception classes of `bodycopy.errors` (one per
//! [`bodycopy::ErrorKind`]). The trafilatura-compatible `extract` and the integrations are
//! Python code in `python/bodycopy/`. The GIL is released while pages are extracted.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bodycopy::output::{Format, RenderOptions};
use bodycopy::{Config, Document, Extractor, Favor, Limits, PageInfo};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::pybacked::{PyBackedBytes, PyBackedStr};
use rayon::prelude::*;

/// mimalloc for the extension's own allocations (Python objects stay on Python's
/// allocator): the pipeline allocates many small strings per page.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The `Content-Type` given for `str` input: its text is already decoded, and the decoder
/// must not re-read the UTF-8 bytes in the charset the page's `<meta>` declares.
const STR_CONTENT_TYPE: &str = "text/html; charset=utf-8";

/// A page as Python hands it over: decoded text or raw bytes. Both borrow the Python
/// object's buffer and may cross into threads that run without the GIL.
#[derive(FromPyObject)]
enum Html {
    /// A `str`.
    Text(PyBackedStr),
    /// `bytes` or `bytearray`.
    Bytes(PyBackedBytes),
}

impl Html {
    fn bytes(&self) -> &[u8] {
        match self {
            Html::Text(s) => s.as_bytes(),
            Html::Bytes(b) => b,
        }
    }

    /// The content type to extract with: a `str` is UTF-8 whatever its markup declares.
    fn content_type<'a>(&self, given: Option<&'a str>) -> Option<&'a str> {
        match self {
            Html::Text(_) => Some(STR_CONTENT_TYPE),
            Html::Bytes(_) => given,
        }
    }
}

/// The precision/recall preference named as in Python.
fn parse_favor(favor: &str) -> PyResult<Favor> {
    match favor {
        "balanced" => Ok(Favor::Balanced),
        "precision" => Ok(Favor::Precision),
        "recall" => Ok(Favor::Recall),
        other => Err(PyValueError::new_err(format!(
            "favor must be 'balanced', 'precision' or 'recall', not {other:?}"
        ))),
    }
}

/// An output format named as in Python (`md` is accepted for `markdown`).
fn parse_format(format: &str) -> PyResult<Format> {
    match format {
        "txt" | "text" => Ok(Format::Txt),
        "markdown" | "md" => Ok(Format::Markdown),
        "html" => Ok(Format::Html),
        "json" => Ok(Format::Json),
        other => Err(PyValueError::new_err(format!(
            "output format {other:?} is not supported; use 'txt', 'markdown', 'html' or 'json'"
        ))),
    }
}

/// The Python exception for a library error: the class of `bodycopy.errors` for its kind.
fn to_py_err(py: Python<'_>, err: &bodycopy::Error) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let instance = py
            .import("bodycopy.errors")?
            .getattr("_from_kind")?
            .call1((err.kind().as_str(), err.to_string()))?;
        Ok(PyErr::from_value(instance))
    };
    build().unwrap_or_else(|e| e)
}

/// A reusable extractor (immutable; one may serve several Python threads at once).
#[pyclass(frozen, name = "_Extractor", module = "bodycopy._bodycopy")]
struct PyExtractor {
    inner: Extractor,
}

#[pymethods]
impl PyExtractor {
    /// Build an extractor; `None` limits keep the library's defaults.
    #[new]
    #[pyo3(signature = (*, favor = "balanced", include_comments = false, include_tables = true,
        include_images = false, include_links = false, max_input_bytes = None, max_nodes = None,
        time_budget = None, with_metadata = true))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        favor: &str,
        include_comments: bool,
        include_tables: bool,
        include_images: bool,
        include_links: bool,
        max_input_bytes: Option<usize>,
        max_nodes: Option<usize>,
        time_budget: Option<f64>,
        with_metadata: bool,
    ) -> PyResult<Self> {
        let defaults = Limits::default();
        let time_budget = match time_budget {
            None => defaults.time_budget,
            Some(s) => Duration::try_from_secs_f64(s)
                .ok()
                .filter(|d| !d.is_zero())
                .ok_or_else(|| {
                    PyValueError::new_err(format!(
                        "time_budget must be a positive number of seconds, not {s}"
                    ))
                })?,
        };
        let config = Config {
            favor: parse_favor(favor)?,
            include_comments,
            include_tables,
            include_images,
            include_links,
            limits: Limits {
                max_input_bytes: max_input_bytes.unwrap_or(defaults.max_input_bytes),
                max_nodes: max_nodes.unwrap_or(defaults.max_nodes),
                time_budget,
                ..defaults
            },
            with_metadata,
            ..Config::default()
        };
        Ok(PyExtractor {
            inner: Extractor::new(config),
        })
    }

    /// Extract one page; raises the `bodycopy.errors` class of the failure.
    #[pyo3(signature = (html, url = None, content_type = None))]
    fn extract(
        &self,
        py: Python<'_>,
        html: Html,
        url: Option<&str>,
        content_type: Option<&str>,
    ) -> PyResult<PyDocument> {
        let info = PageInfo {
            url,
            content_type: html.content_type(content_type),
        };
        let result = py.detach(|| self.inner.extract(html.bytes(), &info));
        result
            .map(|doc| PyDocument { doc })
            .map_err(|e| to_py_err(py, &e))
    }

    /// Extract many pages on `threads` threads; the result holds, in input order, a
    /// `Document` or the exception of each page.
    #[pyo3(signature = (pages, urls, threads))]
    fn extract_many(
        &self,
        py: Python<'_>,
        pages: Vec<Html>,
        urls: Option<Vec<Option<String>>>,
        threads: usize,
    ) -> PyResult<Vec<Py<PyAny>>> {
        if let Some(u) = &urls {
            if u.len() != pages.len() {
                return Err(PyValueError::new_err(format!(
                    "urls has {} items for {} pages",
                    u.len(),
                    pages.len()
                )));
            }
        }
        if threads == 0 {
            return Err(PyValueError::new_err("threads must be at least 1"));
        }
        let url = |i: usize| urls.as_ref().and_then(|u| u[i].as_deref());
        let results = py.detach(|| {
            run_parallel(pages.len(), threads, |i| {
                let info = PageInfo {
                    url: url(i),
                    content_type: pages[i].content_type(None),
                };
                self.inner.extract(pages[i].bytes(), &info)
            })
        });
        results
            .into_iter()
            .map(|r| match r {
                Ok(doc) => Ok(Py::new(py, PyDocument { doc })?.into_any()),
                Err(e) => Ok(to_py_err(py, &e).into_value(py).into_any()),
            })
            .collect()
    }
}

/// Run `job` for every index below `n` on `threads` threads (work is handed out one index
/// at a time, so a slow page does not hold up a fixed share); results in order.
fn run_parallel<T: Send>(n: usize, threads: usize, job: impl Fn(usize) -> T + Sync) -> Vec<T> {
    if threads <= 1 || n <= 1 {
        return (0..n).map(job).collect();
    }
    match pool(threads) {
        Some(pool) => pool.install(|| (0..n).into_par_iter().with_max_len(1).map(&job).collect()),
        // no thread could be started: the calling thread does the work
        None => (0..n).map(job).collect(),
    }
}

/// Most thread pools kept at once (one per thread count asked for).
const MAX_POOLS: usize = 8;

/// The pools kept, by thread count, and the process that made them.
struct Pools {
    pid: u32,
    by_threads: HashMap<usize, Arc<rayon::ThreadPool>>,
}

/// The worker pool of `threads` threads. Pools are kept for the process's life: their
/// threads, and the allocator heaps those threads have warmed up, serve every later call,
/// which no longer pays for starting threads and faulting in fresh memory (on a call of a
/// few hundred pages that was about a tenth of its time). A child process made by `fork`
/// inherits the pools but not their threads, so it builds its own.
fn pool(threads: usize) -> Option<Arc<rayon::ThreadPool>> {
    static POOLS: Mutex<Option<Pools>> = Mutex::new(None);
    let mut pools = POOLS.lock().unwrap_or_else(|p| p.into_inner());
    let pid = std::process::id();
    if pools.as_ref().is_some_and(|p| p.pid != pid) {
        // the parent's pools: their threads do not exist here; dropping them could wait
        // on those threads, so they are let go without running their destructors
        std::mem::forget(pools.take());
    }
    let map = &mut pools
        .get_or_insert_with(|| Pools {
            pid,
            by_threads: HashMap::new(),
        })
        .by_threads;
    if let Some(pool) = map.get(&threads) {
        return Some(Arc::clone(pool));
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("bodycopy-{i}"))
        .build()
        .ok()
        .map(Arc::new)?;
    if map.len() < MAX_POOLS {
        map.insert(threads, Arc::clone(&pool));
    }
    Some(pool)
}

/// An extracted page: metadata, body and comments, rendered on demand.
#[pyclass(frozen, name = "Document", module = "bodycopy")]
struct PyDocument {
    doc: Document,
}

#[pymethods]
impl PyDocument {
    /// The title (without the site-name suffix).
    #[getter]
    fn title(&self) -> Option<&str> {
        self.doc.metadata.title.as_deref()
    }

    /// The authors, in page order.
    #[getter]
    fn authors(&self) -> Vec<String> {
        self.doc.metadata.authors.clone()
    }

    /// The authors joined by "; " (trafilatura's `author`), or `None`.
    #[getter]
    fn author(&self) -> Option<String> {
        let a = &self.doc.metadata.authors;
        (!a.is_empty()).then(|| a.join("; "))
    }

    /// The publication date (YYYY-MM-DD).
    #[getter]
    fn date(&self) -> Option<&str> {
        self.doc.metadata.date.as_deref()
    }

    /// The last-modified date (YYYY-MM-DD).
    #[getter]
    fn date_modified(&self) -> Option<&str> {
        self.doc.metadata.date_modified.as_deref()
    }

    /// The page's description.
    #[getter]
    fn description(&self) -> Option<&str> {
        self.doc.metadata.description.as_deref()
    }

    /// The site's name.
    #[getter]
    fn sitename(&self) -> Option<&str> {
        self.doc.metadata.sitename.as_deref()
    }

    /// The language (declared, else detected), e.g. `en`.
    #[getter]
    fn language(&self) -> Option<&str> {
        self.doc.metadata.language.as_deref()
    }

    /// The canonical URL, else the URL given.
    #[getter]
    fn url(&self) -> Option<&str> {
        self.doc.metadata.url.as_deref()
    }

    /// Categories, in page order.
    #[getter]
    fn categories(&self) -> Vec<String> {
        self.doc.metadata.categories.clone()
    }

    /// Tags, in page order.
    #[getter]
    fn tags(&self) -> Vec<String> {
        self.doc.metadata.tags.clone()
    }

    /// The main image's URL.
    #[getter]
    fn image(&self) -> Option<&str> {
        self.doc.metadata.image.as_deref()
    }

    /// The page type (`article`, `forum`, `product`, ...).
    #[getter]
    fn page_type(&self) -> Option<&'static str> {
        self.doc.metadata.page_type.map(|p| p.as_str())
    }

    /// The body as plain text (blocks separated by blank lines).
    #[getter]
    fn text(&self) -> String {
        self.doc.text()
    }

    /// The comments as plain text, or `None` when there are none.
    #[getter]
    fn comments(&self) -> Option<String> {
        (!self.doc.comments.is_empty()).then(|| self.doc.comments_text())
    }

    /// The body as Markdown (CommonMark with GFM tables).
    #[getter]
    fn markdown(&self) -> String {
        self.doc.markdown()
    }

    /// The body as clean HTML (a safe subset of tags).
    #[getter]
    fn html(&self) -> String {
        self.doc.html()
    }

    /// True when no main content was found.
    #[getter]
    fn is_empty(&self) -> bool {
        self.doc.text().trim().is_empty()
    }

    /// The document in `format` (`txt`, `markdown`, `html`, `json`), optionally starting
    /// with the title and ending with the comments.
    #[pyo3(signature = (format = "txt", *, title = false, comments = false))]
    fn render(&self, format: &str, title: bool, comments: bool) -> PyResult<String> {
        let options = RenderOptions { title, comments };
        Ok(self.doc.render(parse_format(format)?, &options))
    }

    /// Metadata, text, comments and typed blocks as one line of JSON.
    fn to_json(&self) -> String {
        self.doc.json().to_string()
    }

    fn __repr__(&self) -> String {
        format!(
            "Document(title={:?}, page_type={:?}, text={} chars)",
            self.doc.metadata.title.as_deref().unwrap_or(""),
            self.doc.metadata.page_type.map_or("", |p| p.as_str()),
            self.doc.text().chars().count()
        )
    }
}

/// The native module `bodycopy._bodycopy`.
#[pymodule]
fn _bodycopy(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyExtractor>()?;
    m.add_class::<PyDocument>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
