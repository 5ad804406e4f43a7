//! The API's client for the command-line tools (`ballotbox demo`, `ballotbox trustee`): JSON
//! over HTTP or HTTPS, with its own cookies, each answer checked against the status expected.

use std::path::Path;

use anyhow::{Context, bail};
use reqwest::{Client, Method, StatusCode};
use serde_json::{Value, json};

/// A client of one server's API, with its own session.
#[derive(Debug, Clone)]
pub struct ApiClient {
    base: String,
    client: Client,
    ca: Option<reqwest::Certificate>,
}

impl ApiClient {
    /// A client of the server at `server` (such as `https://10.0.0.2:8443`); over HTTPS it
    /// trusts the certificate authority in `ca` (PEM, as `ballotbox tls init` writes it), or
    /// the system's when none is given.
    pub fn new(server: &str, ca: Option<&Path>) -> anyhow::Result<ApiClient> {
        let mut builder = Client::builder().cookie_store(true);
        let mut authority = None;
        if let Some(ca) = ca {
            let pem = std::fs::read(ca)
                .with_context(|| format!("reading the certificate authority {}", ca.display()))?;
            let certificate = reqwest::Certificate::from_pem(&pem)
                .with_context(|| format!("{} is not a PEM certificate", ca.display()))?;
            builder = builder.add_root_certificate(certificate.clone());
            authority = Some(certificate);
        }
        Ok(ApiClient {
            base: format!("{}/api/v1", server.trim_end_matches('/')),
            client: builder.build()?,
            ca: authority,
        })
    }

    /// Sends `body` (if any) and reads the JSON answer; an answer of another status than
    /// `expected` is an error that quotes it.
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
        expected: StatusCode,
    ) -> anyhow::Result<Value> {
        let (status, value) = self.exchange(method.clone(), path, body).await?;
        if status != expected {
            bail!("{method} {path} answered {status}: {value}");
        }
        Ok(value)
    }

    /// Sends `body` (if any): the answer's status and JSON, whatever the status.
    pub async fn exchange(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> anyhow::Result<(StatusCode, Value)> {
        let (status, value, _) = self.exchange_for_cookie(method, path, body, "").await?;
        Ok((status, value))
    }

    /// Sends `body` (if any): the answer's status and JSON, and the value of the cookie
    /// `cookie` it sets, if it sets it.
    pub async fn exchange_for_cookie(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
        cookie: &str,
    ) -> anyhow::Result<(StatusCode, Value, Option<String>)> {
        let mut request = self
            .client
            .request(method.clone(), format!("{}{path}", self.base));
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request
            .send()
            .await
            .with_context(|| format!("{method} {path}"))?;
        let set = response
            .cookies()
            .find(|c| c.name() == cookie)
            .map(|c| c.value().to_owned());
        let status = response.status();
        let text = response.text().await?;
        Ok((
            status,
            serde_json::from_str(&text).unwrap_or(Value::Null),
            set,
        ))
    }

    /// A client of the same server that sends the cookie `name` with `value` on every request
    /// (a kiosk's credential read back from its file).
    pub fn with_cookie(&self, name: &str, value: &str) -> anyhow::Result<ApiClient> {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(
            reqwest::header::COOKIE,
            reqwest::header::HeaderValue::from_str(&format!("{name}={value}"))
                .context("a credential is printable ASCII")?,
        );
        let mut builder = Client::builder().default_headers(headers);
        if let Some(ca) = &self.ca {
            builder = builder.add_root_certificate(ca.clone());
        }
        Ok(ApiClient {
            base: self.base.clone(),
            client: builder.build()?,
            ca: self.ca.clone(),
        })
    }

    /// GET, expecting 200.
    pub async fn get(&self, path: &str) -> anyhow::Result<Value> {
        self.send(Method::GET, path, None, StatusCode::OK).await
    }

    /// POST, expecting `expected`.
    pub async fn post(
        &self,
        path: &str,
        body: Value,
        expected: StatusCode,
    ) -> anyhow::Result<Value> {
        self.send(Method::POST, path, Some(body), expected).await
    }

    /// PUT, expecting 200.
    pub async fn put(&self, path: &str, body: Value) -> anyhow::Result<Value> {
        self.send(Method::PUT, path, Some(body), StatusCode::OK)
            .await
    }

    /// PUT of a text body (a roster's CSV), expecting 200.
    pub async fn put_text(
        &self,
        path: &str,
        content_type: &str,
        body: String,
    ) -> anyhow::Result<Value> {
        let response = self
            .client
            .put(format!("{}{path}", self.base))
            .header(reqwest::header::CONTENT_TYPE, content_type)
            .body(body)
            .send()
            .await
            .with_context(|| format!("PUT {path}"))?;
        let status = response.status();
        let text = response.text().await?;
        if status != StatusCode::OK {
            bail!("PUT {path} answered {status}: {text}");
        }
        Ok(serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    /// Signs in; the session is kept in this client's cookies.
    pub async fn sign_in(&self, name: &str, password: &str) -> anyhow::Result<()> {
        self.post(
            "/session",
            json!({"name": name, "password": password}),
            StatusCode::OK,
        )
        .await
        .map(drop)
        .with_context(|| format!("signing in as \"{name}\""))
    }
}
