//! HTTPS on the congress LAN, as an operator sets it up and as someone on the LAN attacks it:
//! `ballotbox tls init` makes a CA and a certificate, `serve --tls-cert --tls-key` serves only
//! HTTPS with Secure cookies and HSTS, a client that does not trust the congress CA cannot
//! connect, plain HTTP gets nothing, and plain HTTP is refused on any address but loopback.

// Helpers outside #[test] functions fail the test loudly, as a test should.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod command;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use command::ballotbox;
use serde_json::{Value, json};

/// `ballotbox serve ARGS…` as its own process; the first line it prints.
struct Serving {
    child: Child,
    first_line: String,
}

impl Serving {
    fn start(args: &[&str]) -> Result<Serving, String> {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ballotbox"))
            .arg("serve")
            .args(args)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the server starts");
        let stdout = child.stdout.take().unwrap();
        let (lines, received) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = lines.send(line);
            }
        });
        // It names its database first, then where it serves (or exits, refusing); the channel
        // closes when its output does.
        loop {
            match received.recv_timeout(Duration::from_secs(30)) {
                Ok(line) if line.contains("://") => {
                    return Ok(Serving {
                        child,
                        first_line: line,
                    });
                }
                Ok(_) => continue,
                Err(_) => break,
            }
        }
        let status = child.wait().unwrap();
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        Err(format!("{status}: {stderr}"))
    }

    /// `https://127.0.0.1:PORT`.
    fn base(&self) -> String {
        let address = self.first_line.split("://").nth(1).unwrap();
        let address = address.split('/').next().unwrap();
        let scheme = self.first_line.split("://").next().unwrap();
        let scheme = scheme.rsplit(' ').next().unwrap();
        format!("{scheme}://{address}")
    }
}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn certificates(dir: &Path) -> (String, String) {
    let output = ballotbox(
        &[
            "tls",
            "init",
            dir.to_str().unwrap(),
            "--host",
            "127.0.0.1",
            "--host",
            "localhost",
        ],
        None,
    );
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let printed = String::from_utf8(output.stdout).unwrap();
    let fingerprint = |label: &str| {
        printed
            .lines()
            .find_map(|l| l.strip_prefix(label))
            .unwrap_or_else(|| panic!("{label} in {printed}"))
            .trim()
            .to_owned()
    };
    (
        fingerprint("congress CA fingerprint (SHA-256):"),
        fingerprint("server certificate fingerprint (SHA-256):"),
    )
}

fn trusting(ca: &Path) -> reqwest::Client {
    let ca = reqwest::Certificate::from_pem(&std::fs::read(ca).unwrap()).unwrap();
    reqwest::Client::builder()
        .add_root_certificate(ca)
        .build()
        .unwrap()
}

#[test]
fn tls_init_makes_a_ca_and_a_certificate_and_never_overwrites_them() {
    let dir = tempfile::tempdir().unwrap();
    let (ca, certificate) = certificates(dir.path());
    assert_eq!(ca.len(), 64 + 15, "grouped SHA-256: {ca}");
    assert_ne!(ca, certificate);
    for file in ["ca.pem", "cert.pem", "key.pem"] {
        assert!(dir.path().join(file).exists(), "{file}");
    }
    let again = ballotbox(
        &[
            "tls",
            "init",
            dir.path().to_str().unwrap(),
            "--host",
            "127.0.0.1",
        ],
        None,
    );
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("exists already"));
    let no_host = ballotbox(&["tls", "init", dir.path().to_str().unwrap()], None);
    assert_eq!(
        no_host.status.code(),
        Some(2),
        "a certificate names its hosts"
    );
}

#[tokio::test]
async fn over_https_only_a_device_that_trusts_the_congress_ca_connects_and_cookies_are_secure() {
    let dir = tempfile::tempdir().unwrap();
    let (ca_fingerprint, fingerprint) = certificates(dir.path());
    let db = format!("sqlite://{}", dir.path().join("ballotbox.db").display());
    let added = ballotbox(
        &[
            "user",
            "add",
            "--role",
            "organiser",
            "--name",
            "王组织",
            "--password-stdin",
            "--db",
            &db,
        ],
        Some("a long organiser password 2026\n"),
    );
    assert_eq!(
        added.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    let cert = dir.path().join("cert.pem");
    let key = dir.path().join("key.pem");
    let server = Serving::start(&[
        "--db",
        &db,
        "--listen",
        "127.0.0.1:0",
        "--tls-cert",
        cert.to_str().unwrap(),
        "--tls-key",
        key.to_str().unwrap(),
    ])
    .unwrap();
    let base = server.base();
    assert!(
        base.starts_with("https://127.0.0.1:"),
        "{}",
        server.first_line
    );

    let client = trusting(&dir.path().join("ca.pem"));
    let health = client.get(format!("{base}/healthz")).send().await.unwrap();
    assert_eq!(health.status(), 200);
    assert_eq!(
        health.headers()["strict-transport-security"],
        "max-age=31536000"
    );
    let info: Value = client
        .get(format!("{base}/api/v1/server"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        info,
        json!({"https": true, "fingerprints": {"certificate": fingerprint, "ca": ca_fingerprint}})
    );
    let signed_in = client
        .post(format!("{base}/api/v1/session"))
        .json(&json!({"name": "王组织", "password": "a long organiser password 2026"}))
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), 200);
    let cookie = signed_in.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.contains("; Secure"), "{cookie}");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );

    // Someone on the LAN with a device that does not trust the congress CA.
    let stranger = reqwest::Client::builder()
        .tls_built_in_root_certs(false)
        .build()
        .unwrap();
    let refused = stranger.get(format!("{base}/healthz")).send().await;
    assert!(refused.is_err(), "an untrusted certificate is refused");

    // Plain HTTP to the same port gets no answer it could read.
    let port = base.rsplit(':').next().unwrap();
    let mut plain = std::net::TcpStream::connect(format!("127.0.0.1:{port}")).unwrap();
    plain
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    plain
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .unwrap();
    let mut answer = Vec::new();
    let _ = plain.read_to_end(&mut answer);
    assert!(
        !String::from_utf8_lossy(&answer).contains("200 OK"),
        "plain HTTP is not served"
    );
}

#[test]
fn plain_http_is_refused_on_an_address_other_machines_reach_unless_named_dangerous() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("ballotbox.db").display());
    let refused = Serving::start(&["--db", &db, "--listen", "0.0.0.0:0"])
        .err()
        .expect("plain HTTP on every address is refused");
    assert!(
        refused.contains("refusing to serve plain HTTP"),
        "{refused}"
    );
    assert!(
        refused.contains("ballotbox tls init"),
        "it says what to do: {refused}"
    );

    let dangerous =
        Serving::start(&["--db", &db, "--listen", "0.0.0.0:0", "--insecure-http"]).unwrap();
    assert!(
        dangerous.first_line.contains("serving on http://0.0.0.0:"),
        "{}",
        dangerous.first_line
    );
    let loopback = Serving::start(&["--db", &db, "--listen", "127.0.0.1:0"]).unwrap();
    assert!(
        loopback.first_line.contains("serving on http://127.0.0.1:"),
        "{}",
        loopback.first_line
    );
}
