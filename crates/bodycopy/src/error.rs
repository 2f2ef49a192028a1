//! The library's error type: an [`Error`] carrying a non-exhaustive [`ErrorKind`].

use std::fmt;

/// What went wrong while extracting a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input was empty (or only white space).
    EmptyInput,
    /// The input is larger than [`crate::Limits::max_input_bytes`].
    InputTooLarge,
    /// The input does not look like HTML or text (binary data).
    NotHtml,
    /// The tree would hold more nodes than [`crate::Limits::max_nodes`].
    TooManyNodes,
    /// An element carries more attributes than [`crate::Limits::max_attributes`].
    TooManyAttributes,
    /// The document took longer than [`crate::Limits::time_budget`].
    TimeBudgetExceeded,
    /// Elements nest deeper than the parser's hard cap,
    /// [`crate::Limits::PARSE_DEPTH_FACTOR`] × [`crate::Limits::max_depth`].
    TooDeep,
}

impl ErrorKind {
    /// A short, stable name for the kind (used in JSON outputs and by bindings).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::EmptyInput => "empty_input",
            ErrorKind::InputTooLarge => "input_too_large",
            ErrorKind::NotHtml => "not_html",
            ErrorKind::TooManyNodes => "too_many_nodes",
            ErrorKind::TooManyAttributes => "too_many_attributes",
            ErrorKind::TimeBudgetExceeded => "time_budget_exceeded",
            ErrorKind::TooDeep => "too_deep",
        }
    }

    /// True when the error is about the input itself (as opposed to a limit).
    pub fn is_bad_input(self) -> bool {
        matches!(self, ErrorKind::EmptyInput | ErrorKind::NotHtml)
    }
}

/// An extraction error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind) -> Self {
        Error { kind }
    }

    /// What went wrong.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let msg = match self.kind {
            ErrorKind::EmptyInput => "the input is empty",
            ErrorKind::InputTooLarge => "the input is larger than the configured limit",
            ErrorKind::NotHtml => "the input is binary data, not HTML",
            ErrorKind::TooManyNodes => "the document has more nodes than the configured limit",
            ErrorKind::TooManyAttributes => {
                "an element has more attributes than the configured limit"
            }
            ErrorKind::TimeBudgetExceeded => "the document exceeded its time budget",
            ErrorKind::TooDeep => "elements are nested deeper than the configured limit",
        };
        f.write_str(msg)
    }
}

impl std::error::Error for Error {}
