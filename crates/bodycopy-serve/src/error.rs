//! The service's one error type: an HTTP status, a stable code and a message,
//! answered as `{"error": {"status", "code", "message"}}`.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use bodycopy::ErrorKind;
use bodycopy_fetch::FetchError;

/// The stable error code of a response, left in its extensions for the metrics.
#[derive(Clone, Copy, Debug)]
pub struct ErrorCode(pub &'static str);

/// An error answered to the client.
#[derive(Clone, Debug)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// A short stable code, e.g. `body_too_large`.
    pub code: &'static str,
    /// A one-line explanation for people.
    pub message: String,
}

impl ApiError {
    /// An error with any status.
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
        }
    }

    /// 400: the request is malformed.
    pub fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code, message)
    }

    /// 422: the request is well-formed but its page cannot be processed.
    pub fn unprocessable(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, code, message)
    }

    /// 503: every extraction slot is taken.
    pub fn overloaded(limit: usize) -> Self {
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "overloaded",
            format!("the server is busy: all {limit} extraction slots are in use; retry shortly"),
        )
    }

    /// 504: the request took longer than its time budget.
    pub fn timeout(budget: std::time::Duration) -> Self {
        Self::new(
            StatusCode::GATEWAY_TIMEOUT,
            "timeout",
            format!(
                "the request exceeded its time budget of {} ms",
                budget.as_millis()
            ),
        )
    }
}

impl From<bodycopy::Error> for ApiError {
    fn from(e: bodycopy::Error) -> Self {
        let status = match e.kind() {
            ErrorKind::InputTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ErrorKind::TimeBudgetExceeded => StatusCode::GATEWAY_TIMEOUT,
            // empty, binary, or a tree over the node/attribute/depth limits
            _ => StatusCode::UNPROCESSABLE_ENTITY,
        };
        ApiError::new(status, e.kind().as_str(), e.to_string())
    }
}

impl From<FetchError> for ApiError {
    fn from(e: FetchError) -> Self {
        let (status, code) = match &e {
            FetchError::BadUrl(_) => (StatusCode::BAD_REQUEST, "bad_url"),
            FetchError::Refused { .. } => (StatusCode::FORBIDDEN, "address_refused"),
            FetchError::Status(..) => (StatusCode::BAD_GATEWAY, "upstream_status"),
            FetchError::TooLarge(_) => (StatusCode::BAD_GATEWAY, "upstream_too_large"),
            FetchError::Timeout(_) => (StatusCode::GATEWAY_TIMEOUT, "upstream_timeout"),
            FetchError::Transport(_) => (StatusCode::BAD_GATEWAY, "upstream_unreachable"),
        };
        ApiError::new(status, code, e.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({
            "error": {
                "status": self.status.as_u16(),
                "code": self.code,
                "message": self.message,
            }
        });
        let mut response = (self.status, axum::Json(body)).into_response();
        if self.status == StatusCode::SERVICE_UNAVAILABLE {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        }
        response.extensions_mut().insert(ErrorCode(self.code));
        response
    }
}
