//! HTTP GET for feeds and article pages, at the edge of the program.
//!
//! One blocking client with a User-Agent, connect and overall timeouts, a body size limit,
//! bounded redirects, and conditional GET: the caller passes the `ETag`/`Last-Modified` it
//! saw last time and gets [`Fetched::NotModified`] when nothing changed. Requests to one host
//! are spaced by a delay ([`Client::get`] waits), so a batch of URLs never hammers a site.

#![deny(missing_docs)]

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Settings for a [`Client`].
#[derive(Debug, Clone)]
pub struct Config {
    /// Sent with every request.
    pub user_agent: String,
    /// Limit for the whole request, from connect to the last body byte.
    pub timeout: Duration,
    /// Largest body accepted.
    pub max_bytes: u64,
    /// Most redirects followed.
    pub max_redirects: u32,
    /// Least time between two requests to the same host.
    pub per_host_delay: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            user_agent: concat!(
                "backchannel/",
                env!("CARGO_PKG_VERSION"),
                " (news analysis; +https://example.invalid/backchannel)"
            )
            .to_owned(),
            timeout: Duration::from_secs(30),
            max_bytes: 20 * 1024 * 1024,
            max_redirects: 5,
            per_host_delay: Duration::from_secs(1),
        }
    }
}

/// Validators from an earlier response, for a conditional GET.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    /// `ETag` header value.
    pub etag: Option<String>,
    /// `Last-Modified` header value.
    pub last_modified: Option<String>,
}

/// The result of a GET.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    /// 304: unchanged since the validators were saved.
    NotModified,
    /// 200: a body.
    Body {
        /// The bytes.
        bytes: Vec<u8>,
        /// `Content-Type`, if sent.
        content_type: Option<String>,
        /// Validators to save for next time.
        validators: Validators,
        /// The URL after redirects.
        final_url: String,
    },
}

/// Why a GET failed. Every message names the URL and says what to do.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// The server answered with an error status.
    #[error("{url}: server answered HTTP {status}; check the URL or try later")]
    Status {
        /// The URL.
        url: String,
        /// The status code.
        status: u16,
    },
    /// The body was larger than the limit.
    #[error("{url}: response is larger than {limit} bytes; refused")]
    TooLarge {
        /// The URL.
        url: String,
        /// The limit.
        limit: u64,
    },
    /// Timeout, DNS, connection, TLS or protocol failure.
    #[error("{url}: {message}")]
    Transport {
        /// The URL.
        url: String,
        /// What happened, with a hint.
        message: String,
    },
}

/// A polite blocking HTTP client.
pub struct Client {
    agent: ureq::Agent,
    config: Config,
    last_request: Mutex<HashMap<String, Instant>>,
    robots: Mutex<HashMap<String, Option<String>>>,
}

impl Client {
    /// Builds a client.
    pub fn new(config: Config) -> Client {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(config.timeout))
            .max_redirects(config.max_redirects)
            .user_agent(config.user_agent.as_str())
            .http_status_as_error(false)
            .build()
            .into();
        Client {
            agent,
            config,
            last_request: Mutex::new(HashMap::new()),
            robots: Mutex::new(HashMap::new()),
        }
    }

    /// Whether the site's `robots.txt` lets this client fetch `url`. The file is fetched once
    /// per host and cached; a missing or unreadable `robots.txt` allows everything.
    pub fn allowed_by_robots(&self, url: &str) -> bool {
        let Some((scheme, rest)) = url.split_once("://") else {
            return false;
        };
        let host = host_of(url).to_owned();
        let path = &rest[host.len()..];
        let path = if path.is_empty() { "/" } else { path };
        let cached = self
            .robots
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(&host)
            .cloned();
        let robots = match cached {
            Some(robots) => robots,
            None => {
                let robots = match self.get(&format!("{scheme}://{host}/robots.txt"), None) {
                    Ok(Fetched::Body { bytes, .. }) => {
                        Some(String::from_utf8_lossy(&bytes).into_owned())
                    }
                    _ => None,
                };
                self.robots
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .insert(host, robots.clone());
                robots
            }
        };
        robots.is_none_or(|text| robots_allows(&text, "backchannel", path))
    }

    /// GETs a URL, conditionally when `validators` are given.
    ///
    /// # Errors
    /// Error statuses (other than 304), oversize bodies, timeouts and transport failures.
    pub fn get(&self, url: &str, validators: Option<&Validators>) -> Result<Fetched, FetchError> {
        self.wait_for_host(url);
        let mut request = self.agent.get(url);
        if let Some(v) = validators {
            if let Some(etag) = &v.etag {
                request = request.header("If-None-Match", etag.as_str());
            }
            if let Some(modified) = &v.last_modified {
                request = request.header("If-Modified-Since", modified.as_str());
            }
        }
        let mut response = request.call().map_err(|err| transport(url, &err))?;
        let status = response.status().as_u16();
        if status == 304 {
            return Ok(Fetched::NotModified);
        }
        if !(200..300).contains(&status) {
            return Err(FetchError::Status {
                url: url.to_owned(),
                status,
            });
        }
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let content_type = header("content-type");
        let validators = Validators {
            etag: header("etag"),
            last_modified: header("last-modified"),
        };
        let final_url = {
            use ureq::ResponseExt;
            response.get_uri().to_string()
        };
        let bytes = response
            .body_mut()
            .with_config()
            .limit(self.config.max_bytes)
            .read_to_vec()
            .map_err(|err| match err {
                ureq::Error::BodyExceedsLimit(_) => FetchError::TooLarge {
                    url: url.to_owned(),
                    limit: self.config.max_bytes,
                },
                other => transport(url, &other),
            })?;
        Ok(Fetched::Body {
            bytes,
            content_type,
            validators,
            final_url,
        })
    }

    /// Sleeps until the per-host delay since the last request to the URL's host has passed.
    fn wait_for_host(&self, url: &str) {
        let host = host_of(url).to_owned();
        let mut last = self
            .last_request
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(at) = last.get(&host) {
            let elapsed = at.elapsed();
            if elapsed < self.config.per_host_delay {
                std::thread::sleep(self.config.per_host_delay - elapsed);
            }
        }
        last.insert(host, Instant::now());
    }
}

fn transport(url: &str, err: &ureq::Error) -> FetchError {
    let message = match err {
        ureq::Error::Timeout(_) => {
            "timed out; the server is slow or unreachable, try again later".to_owned()
        }
        ureq::Error::HostNotFound => "host not found; check the URL".to_owned(),
        ureq::Error::ConnectionFailed => "connection failed; is the server up?".to_owned(),
        ureq::Error::TooManyRedirects => "too many redirects; check the URL".to_owned(),
        other => format!("request failed: {other}"),
    };
    FetchError::Transport {
        url: url.to_owned(),
        message,
    }
}

/// Whether a `robots.txt` lets `agent` fetch `path`: the group naming the agent (else `*`)
/// applies; the longest matching `Allow`/`Disallow` prefix wins, `Allow` on a tie; an empty
/// `Disallow` allows everything.
pub fn robots_allows(robots: &str, agent: &str, path: &str) -> bool {
    let agent = agent.to_ascii_lowercase();
    /// One `User-agent` group: its agents and its `(allow, prefix)` rules.
    type Group = (Vec<String>, Vec<(bool, String)>);
    let mut groups: Vec<Group> = Vec::new();
    let mut in_agents = false;
    for line in robots.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let (key, value) = (key.trim().to_ascii_lowercase(), value.trim());
        match key.as_str() {
            "user-agent" => {
                if !in_agents {
                    groups.push((Vec::new(), Vec::new()));
                }
                in_agents = true;
                if let Some(group) = groups.last_mut() {
                    group.0.push(value.to_ascii_lowercase());
                }
            }
            "allow" | "disallow" => {
                in_agents = false;
                if let Some(group) = groups.last_mut() {
                    group.1.push((key == "allow", value.to_owned()));
                }
            }
            _ => {}
        }
    }
    let named = groups.iter().find(|(agents, _)| {
        agents
            .iter()
            .any(|a| a != "*" && agent.contains(a.as_str()))
    });
    let group = named.or_else(|| {
        groups
            .iter()
            .find(|(agents, _)| agents.iter().any(|a| a == "*"))
    });
    let Some((_, rules)) = group else {
        return true;
    };
    let mut best: Option<(usize, bool)> = None;
    for (allow, prefix) in rules {
        if prefix.is_empty() {
            continue;
        }
        if path.starts_with(prefix.as_str()) {
            let better = best.is_none_or(|(len, was_allow)| {
                prefix.len() > len || (prefix.len() == len && *allow && !was_allow)
            });
            if better {
                best = Some((prefix.len(), *allow));
            }
        }
    }
    best.is_none_or(|(_, allow)| allow)
}

/// The host part of a URL (`example.org:8080` from `https://example.org:8080/a`).
pub fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    &rest[..end]
}

/// True for `http://` and `https://` URLs.
pub fn is_url(text: &str) -> bool {
    let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn robots_rules() {
        let robots = "User-agent: *\nDisallow: /private\nAllow: /private/press\n\nUser-agent: BadBot\nDisallow: /\n";
        assert!(robots_allows(robots, "backchannel", "/news/1"));
        assert!(!robots_allows(robots, "backchannel", "/private/x"));
        assert!(robots_allows(robots, "backchannel", "/private/press/y"));
        assert!(!robots_allows(robots, "badbot/2.0", "/news/1"));
        assert!(robots_allows(
            "User-agent: *\nDisallow:\n",
            "backchannel",
            "/a"
        ));
        assert!(robots_allows("", "backchannel", "/a"));
    }

    #[test]
    fn host_and_url_detection() {
        assert_eq!(host_of("https://a.example:8080/x?y"), "a.example:8080");
        assert_eq!(host_of("http://b.example"), "b.example");
        assert!(is_url("HTTPS://x"));
        assert!(!is_url("news/a.txt"));
    }
}
