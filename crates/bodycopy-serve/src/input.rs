//! What a request asks for: the page (HTML in the body, or a URL to fetch), the
//! output format and the extraction options, read from a JSON body, a raw HTML
//! body or the query string.

use axum::body::Bytes;
use axum::http::{header, HeaderMap};
use bodycopy::output::{Format, RenderOptions};
use bodycopy::{Config, Favor, Limits};
use serde::Deserialize;

use crate::error::ApiError;

/// Output formats, as named in requests.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OutputFormat {
    /// Plain text.
    #[serde(alias = "text")]
    Txt,
    /// Markdown (the default).
    #[default]
    #[serde(alias = "md")]
    Markdown,
    /// Clean HTML.
    Html,
    /// JSON: metadata, text and typed blocks.
    Json,
}

impl OutputFormat {
    /// The library's format.
    pub fn library(self) -> Format {
        match self {
            OutputFormat::Txt => Format::Txt,
            OutputFormat::Markdown => Format::Markdown,
            OutputFormat::Html => Format::Html,
            OutputFormat::Json => Format::Json,
        }
    }

    /// The response's `Content-Type`.
    pub fn content_type(self) -> &'static str {
        match self {
            OutputFormat::Txt => "text/plain; charset=utf-8",
            OutputFormat::Markdown => "text/markdown; charset=utf-8",
            OutputFormat::Html => "text/html; charset=utf-8",
            OutputFormat::Json => "application/json",
        }
    }

    /// The name used in requests and responses.
    pub fn name(self) -> &'static str {
        match self {
            OutputFormat::Txt => "txt",
            OutputFormat::Markdown => "markdown",
            OutputFormat::Html => "html",
            OutputFormat::Json => "json",
        }
    }
}

/// Precision/recall preference, as named in requests.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FavorOption {
    /// The default balance.
    #[default]
    Balanced,
    /// Drop uncertain blocks.
    Precision,
    /// Keep uncertain blocks.
    Recall,
}

/// Extraction and rendering options (the command's flags).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Options {
    /// Precision/recall preference. Default: balanced.
    pub favor: FavorOption,
    /// Extract reader comments. Default: false.
    pub comments: bool,
    /// Start the output with the title. Default: false.
    pub title: bool,
    /// Keep link targets. Default: false.
    pub links: bool,
    /// Keep images. Default: false.
    pub images: bool,
    /// Keep tables. Default: true.
    pub tables: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            favor: FavorOption::Balanced,
            comments: false,
            title: false,
            links: false,
            images: false,
            tables: true,
        }
    }
}

impl Options {
    /// The library configuration for these options under the service's `limits`.
    pub fn config(&self, limits: &Limits) -> Config {
        Config {
            favor: match self.favor {
                FavorOption::Balanced => Favor::Balanced,
                FavorOption::Precision => Favor::Precision,
                FavorOption::Recall => Favor::Recall,
            },
            include_comments: self.comments,
            include_tables: self.tables,
            include_images: self.images,
            include_links: self.links,
            limits: limits.clone(),
            ..Config::default()
        }
    }

    /// What to add around the body when rendering.
    pub fn render(&self) -> RenderOptions {
        RenderOptions {
            title: self.title,
            comments: self.comments,
        }
    }
}

/// A JSON request body.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonRequest {
    html: Option<String>,
    url: Option<String>,
    #[serde(default)]
    format: OutputFormat,
    #[serde(default)]
    options: Options,
}

/// The query string: the page URL (fetched for `GET`, the page's address for a raw
/// HTML body), the format and the options as flat parameters.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QueryParams {
    url: Option<String>,
    format: Option<OutputFormat>,
    favor: Option<FavorOption>,
    comments: Option<bool>,
    title: Option<bool>,
    links: Option<bool>,
    images: Option<bool>,
    tables: Option<bool>,
}

impl QueryParams {
    fn options(&self) -> Options {
        let d = Options::default();
        Options {
            favor: self.favor.unwrap_or(d.favor),
            comments: self.comments.unwrap_or(d.comments),
            title: self.title.unwrap_or(d.title),
            links: self.links.unwrap_or(d.links),
            images: self.images.unwrap_or(d.images),
            tables: self.tables.unwrap_or(d.tables),
        }
    }
}

/// Where the page comes from.
#[derive(Clone, Debug)]
pub enum Source {
    /// HTML sent in the request, with the `Content-Type` charset if any.
    Html {
        /// The page's bytes.
        bytes: Bytes,
        /// The request's `Content-Type` (raw HTML bodies only).
        content_type: Option<String>,
    },
    /// A URL to fetch.
    Url(String),
}

/// One request's work.
#[derive(Clone, Debug)]
pub struct Job {
    /// The page.
    pub source: Source,
    /// The page's address (resolves links) when the HTML is sent inline.
    pub page_url: Option<String>,
    /// The output format.
    pub format: OutputFormat,
    /// Extraction and rendering options.
    pub options: Options,
}

/// A `GET` request: the query names the URL to fetch.
pub fn job_from_query(query: QueryParams) -> Result<Job, ApiError> {
    let options = query.options();
    let url = query.url.ok_or_else(|| {
        ApiError::bad_request(
            "missing_url",
            "the query needs a url parameter: ?url=https://...",
        )
    })?;
    Ok(Job {
        source: Source::Url(check_url(url)?),
        page_url: None,
        format: query.format.unwrap_or_default(),
        options,
    })
}

/// A `POST` request: a JSON body `{html | url, format, options}` or a raw HTML body
/// (with the query string's parameters).
pub fn job_from_body(
    headers: &HeaderMap,
    query: QueryParams,
    body: Bytes,
) -> Result<Job, ApiError> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let mime = content_type
        .as_deref()
        .and_then(|c| c.split(';').next())
        .map(|m| m.trim().to_ascii_lowercase())
        .unwrap_or_default();
    match mime.as_str() {
        "application/json" => job_from_json(&body),
        m if m.ends_with("+json") => job_from_json(&body),
        "text/html" | "application/xhtml+xml" => Ok(Job {
            source: Source::Html {
                bytes: body,
                content_type,
            },
            page_url: query.url.clone().map(check_url).transpose()?,
            format: query.format.unwrap_or_default(),
            options: query.options(),
        }),
        _ => Err(ApiError::new(
            axum::http::StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            format!(
                "Content-Type {:?} is not accepted: send application/json ({{\"html\" or \"url\", \"format\", \"options\"}}) or text/html",
                content_type.as_deref().unwrap_or("(none)")
            ),
        )),
    }
}

fn job_from_json(body: &[u8]) -> Result<Job, ApiError> {
    let req: JsonRequest = serde_json::from_slice(body)
        .map_err(|e| ApiError::bad_request("bad_json", format!("invalid JSON request: {e}")))?;
    let source = match (req.html, req.url.clone()) {
        (Some(html), _) => Source::Html {
            bytes: Bytes::from(html),
            content_type: None,
        },
        (None, Some(url)) => Source::Url(check_url(url)?),
        (None, None) => {
            return Err(ApiError::unprocessable(
                "missing_input",
                "the request names no page: give \"html\" or \"url\"",
            ))
        }
    };
    let page_url = match &source {
        Source::Html { .. } => req.url.map(check_url).transpose()?,
        Source::Url(_) => None,
    };
    Ok(Job {
        source,
        page_url,
        format: req.format,
        options: req.options,
    })
}

/// An absolute http(s) URL, or a 400.
fn check_url(url: String) -> Result<String, ApiError> {
    match url::Url::parse(&url) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some() => Ok(url),
        Ok(u) => Err(ApiError::bad_request(
            "bad_url",
            format!(
                "only http:// and https:// URLs are fetched, not {}:",
                u.scheme()
            ),
        )),
        Err(e) => Err(ApiError::bad_request(
            "bad_url",
            format!("bad URL {url:?}: {e}"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(content_type: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::CONTENT_TYPE, content_type.parse().unwrap());
        h
    }

    #[test]
    fn json_bodies_name_html_or_url() {
        let body = Bytes::from_static(br#"{"html": "<p>x</p>", "url": "https://a.example/", "format": "json", "options": {"links": true}}"#);
        let job =
            job_from_body(&headers("application/json"), QueryParams::default(), body).unwrap();
        assert!(matches!(job.source, Source::Html { .. }));
        assert_eq!(job.page_url.as_deref(), Some("https://a.example/"));
        assert_eq!(job.format, OutputFormat::Json);
        assert!(job.options.links && job.options.tables);

        let body = Bytes::from_static(br#"{"url": "https://a.example/x"}"#);
        let job = job_from_body(
            &headers("application/json; charset=utf-8"),
            QueryParams::default(),
            body,
        )
        .unwrap();
        assert!(matches!(job.source, Source::Url(ref u) if u == "https://a.example/x"));
        assert_eq!(job.format, OutputFormat::Markdown);
    }

    #[test]
    fn bad_requests_have_their_statuses() {
        let status = |ct: &str, body: &'static [u8]| {
            job_from_body(
                &headers(ct),
                QueryParams::default(),
                Bytes::from_static(body),
            )
            .unwrap_err()
            .status
            .as_u16()
        };
        assert_eq!(status("application/json", b"{\"html\": "), 400);
        assert_eq!(status("application/json", b"{\"htm\": \"x\"}"), 400);
        assert_eq!(status("application/json", b"{\"url\": \"ftp://x/\"}"), 400);
        assert_eq!(
            status(
                "application/json",
                b"{\"format\": \"pdf\", \"html\": \"x\"}"
            ),
            400
        );
        assert_eq!(status("application/json", b"{}"), 422);
        assert_eq!(status("image/png", b"x"), 415);
        assert_eq!(status("", b"x"), 415);
    }
}
