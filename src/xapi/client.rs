//! Talking to an LRS over HTTP(S): Basic auth, the xAPI version header, short timeouts, and
//! replies read up to a bound.

use std::path::PathBuf;
use std::time::Duration;

use serde_json::Value;
use ureq::Agent;

use super::Config;

/// The most of a reply body read: an LRS's error message or a page of statements.
const REPLY_LIMIT: u64 = 8 * 1024 * 1024;

/// What went wrong reaching or configuring the LRS.
#[derive(Debug, thiserror::Error)]
pub enum XapiError {
    #[error("cannot read the LRS configuration {}: {reason}", path.display())]
    ConfigUnreadable { path: PathBuf, reason: String },
    #[error("the LRS configuration cannot be used: {}", .0.summary())]
    Config(Box<super::ConfigProblems>),
    #[error("DOJO_LRS_ENDPOINT={endpoint} is not a web address: {reason}")]
    BadEndpoint { endpoint: String, reason: String },
    #[error("the LRS at {endpoint} cannot be reached: {reason}")]
    Unreachable { endpoint: String, reason: String },
    #[error("the LRS answered {status}: {body}")]
    Refused { status: u16, body: String },
    #[error("the LRS sent something that is not xAPI: {0}")]
    BadReply(String),
    #[error("{} is not a journal or results file dojo can read: {reason}", path.display())]
    Unusable { path: PathBuf, reason: String },
    #[error("cannot use {}: {source}", path.display())]
    Outbox {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// An LRS's answer: its status and its body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    pub body: String,
}

/// What `dojo lrs check` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    /// Reachable and the credentials are accepted.
    Accepted,
    /// Reachable, but it refused: its status and its own message.
    Refused { status: u16, body: String },
}

/// Statements asked for by default in one request.
pub const PAGE: usize = 100;

/// Which statements to read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Query {
    /// One session's, by its registration (the session id).
    Registration(String),
    /// Every statement about an activity (a scenario's IRI) or with it as parent.
    Activity(String),
}

/// A connection to the configured LRS.
pub struct Client {
    agent: Agent,
    endpoint: String,
    authorization: String,
}

impl Client {
    /// A client that gives up after `seconds` per request: about one for a send between two
    /// answers, more for `dojo sync`.
    pub fn new(config: &Config, seconds: u64) -> Client {
        let agent: Agent = Agent::config_builder()
            .timeout_connect(Some(Duration::from_secs(seconds.min(2))))
            .timeout_global(Some(Duration::from_secs(seconds)))
            .http_status_as_error(false)
            .build()
            .into();
        let credentials = format!("{}:{}", config.username, config.password);
        Client {
            agent,
            endpoint: config.endpoint.clone(),
            authorization: format!("Basic {}", base64(credentials.as_bytes())),
        }
    }

    /// POSTs statements as one batch.
    pub fn post(&self, statements: &[Value]) -> Result<Reply, XapiError> {
        let body =
            serde_json::to_string(statements).map_err(|e| XapiError::BadReply(e.to_string()))?;
        let request = self
            .agent
            .post(format!("{}statements", self.endpoint))
            .header("Authorization", &self.authorization)
            .header("X-Experience-API-Version", "1.0.3")
            .header("Content-Type", "application/json");
        self.finish(request.send(body))
    }

    /// PUTs one statement under its own id.
    pub fn put(&self, statement: &Value) -> Result<Reply, XapiError> {
        let id = statement["id"].as_str().unwrap_or_default();
        let request = self
            .agent
            .put(format!("{}statements?statementId={id}", self.endpoint))
            .header("Authorization", &self.authorization)
            .header("X-Experience-API-Version", "1.0.3")
            .header("Content-Type", "application/json");
        self.finish(request.send(statement.to_string()))
    }

    /// GETs `statements?<query>`.
    fn get(&self, path_and_query: &str) -> Result<Reply, XapiError> {
        let request = self
            .agent
            .get(format!("{}{path_and_query}", self.endpoint))
            .header("Authorization", &self.authorization)
            .header("X-Experience-API-Version", "1.0.3");
        self.finish(request.call())
    }

    fn finish(
        &self,
        sent: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<Reply, XapiError> {
        let unreachable = |e: ureq::Error| XapiError::Unreachable {
            endpoint: self.endpoint.clone(),
            reason: e.to_string(),
        };
        let mut response = sent.map_err(unreachable)?;
        let status = response.status().as_u16();
        let body = response
            .body_mut()
            .with_config()
            .limit(REPLY_LIMIT)
            .read_to_string()
            .map_err(unreachable)?;
        Ok(Reply { status, body })
    }

    /// Whether the LRS answers and takes the credentials: one statement asked for.
    pub fn check(&self) -> Result<Check, XapiError> {
        let reply = self.get("statements?limit=1")?;
        Ok(if reply.status == 200 {
            Check::Accepted
        } else {
            Check::Refused {
                status: reply.status,
                body: reply.body,
            }
        })
    }

    /// Every statement stored for one registration (a session id), following `more` links.
    pub fn by_registration(&self, registration: &str) -> Result<Vec<Value>, XapiError> {
        self.read(&Query::Registration(registration.to_string()), PAGE)
    }

    /// Every statement `query` selects, asked for `limit` at a time and following the LRS's
    /// `more` links to the end.
    pub fn read(&self, query: &Query, limit: usize) -> Result<Vec<Value>, XapiError> {
        let filter = match query {
            Query::Registration(id) => format!("registration={}", encode(id)),
            // Related activities: answers name the scenario as their parent, not as object.
            Query::Activity(iri) => format!("activity={}&related_activities=true", encode(iri)),
        };
        let mut found = Vec::new();
        let mut next = format!("statements?{filter}&limit={limit}");
        loop {
            let reply = self.get(&next)?;
            if reply.status != 200 {
                return Err(XapiError::Refused {
                    status: reply.status,
                    body: reply.body,
                });
            }
            let page: Value = serde_json::from_str(&reply.body)
                .map_err(|e| XapiError::BadReply(e.to_string()))?;
            let Some(statements) = page["statements"].as_array() else {
                return Err(XapiError::BadReply("no statements list".to_string()));
            };
            found.extend(statements.iter().cloned());
            match page["more"].as_str().filter(|more| !more.is_empty()) {
                // `more` is relative to the server; keep only what follows the endpoint path.
                Some(more) => match more.find("statements") {
                    Some(at) => next = more[at..].to_string(),
                    None => return Ok(found),
                },
                None => return Ok(found),
            }
        }
    }
}

/// Percent-encodes a query value: everything but RFC 3986's unreserved characters.
fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Standard base64 with padding, for the Basic auth header.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_pads_like_the_rfc() {
        assert_eq!(
            super::base64(b"dojo:dojo-secret"),
            "ZG9qbzpkb2pvLXNlY3JldA=="
        );
        assert_eq!(super::base64(b"ab"), "YWI=");
        assert_eq!(super::base64(b"abc"), "YWJj");
    }

    #[test]
    fn query_values_keep_only_unreserved_characters() {
        assert_eq!(
            super::encode("https://dojo.invalid/scenarios/a_b-c~d.e"),
            "https%3A%2F%2Fdojo.invalid%2Fscenarios%2Fa_b-c~d.e"
        );
    }
}
