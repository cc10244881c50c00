//! The dashboard: one HTML page, its script and style, and the vendored chart and graph
//! libraries (`vendor/` at the repository root, unmodified), all compiled into the binary.
//! No build step and no CDN: the page works offline.

use axum::extract::Path;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;

/// Name, content type and bytes of each embedded asset.
const ASSETS: &[(&str, &str, &[u8])] = &[
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/app.js"),
    ),
    (
        "app.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/app.css"),
    ),
    (
        "chart.umd.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../../vendor/chart.js/chart.umd.min.js"),
    ),
    (
        "cytoscape.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../../vendor/cytoscape/cytoscape.min.js"),
    ),
];

const INDEX: &str = include_str!("../assets/index.html");

fn with_headers(mut response: Response, content_type: &'static str) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    // Revalidate every time: the ETag makes that a 304 when nothing changed.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// `GET /`: the dashboard page.
pub(crate) async fn index() -> Response {
    let mut response = with_headers(INDEX.into_response(), "text/html; charset=utf-8");
    // Everything the page loads comes from this server.
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'",
        ),
    );
    response
}

/// `GET /assets/{name}`: script, style and vendored libraries.
pub(crate) async fn asset(Path(name): Path<String>) -> Result<Response, ApiError> {
    let (_, content_type, bytes) = ASSETS
        .iter()
        .find(|(n, _, _)| *n == name)
        .ok_or_else(|| ApiError::NotFound(format!("no asset {name:?}")))?;
    Ok(with_headers(bytes.into_response(), content_type))
}
