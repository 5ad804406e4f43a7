//! HTTPS on the congress LAN. `ballotbox tls init` makes a congress CA and a server certificate
//! signed by it; the kiosks, the desk and the console's browsers are made to trust the CA, and
//! the operator compares the fingerprints the pages show with those `tls init` printed.
//!
//! The CA's private key is used once, to sign the server certificate, and is never written
//! down: nobody who later gets hold of the files can issue another certificate the kiosks would
//! trust. A new server certificate means a new CA (`tls init` again), installed afresh.

use std::path::{Path, PathBuf};

use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa,
    KeyPair, KeyUsagePurpose, SanType,
};
use rustls_pki_types::CertificateDer;
use rustls_pki_types::pem::PemObject;

use crate::record::hash::sha256;

/// Why the certificates could not be made or read.
#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    /// A file is in the way: `tls init` never overwrites.
    #[error("{0} exists already: choose an empty folder, or remove the old files first")]
    Exists(PathBuf),
    /// A host is neither an IP address nor a DNS name.
    #[error("\"{0}\" is neither an IP address nor a host name")]
    Host(String),
    /// Making a key or a certificate failed.
    #[error("the certificate could not be made: {0}")]
    Make(#[from] rcgen::Error),
    /// A file could not be read or written.
    #[error("{0}: {1}")]
    Io(PathBuf, std::io::Error),
    /// The certificate file holds no certificate.
    #[error("{0} holds no PEM certificate")]
    NoCertificate(PathBuf),
}

/// The fingerprints a person compares: SHA-256 of each certificate's DER bytes, in groups.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct Fingerprints {
    /// The server's own certificate.
    pub certificate: String,
    /// The CA that signed it, when the certificate file carries the chain (as `tls init`
    /// writes it).
    pub ca: Option<String>,
}

/// What `tls init` wrote.
#[derive(Debug)]
pub struct Made {
    /// The CA certificate to install on every kiosk, desk and console device.
    pub ca: PathBuf,
    /// The server's certificate followed by the CA's.
    pub cert: PathBuf,
    /// The server's private key (readable by its owner only).
    pub key: PathBuf,
    /// Their fingerprints.
    pub fingerprints: Fingerprints,
}

/// How long the certificates last: a congress is planned months ahead and held in a day.
const VALID_DAYS: i64 = 400;

/// Makes a congress CA and a server certificate for `hosts` (IP addresses or host names) in
/// `dir`: `ca.pem`, `cert.pem` (the server's certificate and the CA's) and `key.pem`.
pub fn init(dir: &Path, hosts: &[String]) -> Result<Made, TlsError> {
    let (ca, cert, key) = (
        dir.join("ca.pem"),
        dir.join("cert.pem"),
        dir.join("key.pem"),
    );
    for path in [&ca, &cert, &key] {
        if path.exists() {
            return Err(TlsError::Exists(path.clone()));
        }
    }
    let names: Vec<SanType> = hosts.iter().map(|h| san(h)).collect::<Result<_, _>>()?;
    let now = time::OffsetDateTime::now_utc();

    let mut ca_params = CertificateParams::default();
    ca_params.distinguished_name = named("ballotbox congress CA");
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
    ca_params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    ca_params.not_before = now - time::Duration::days(1);
    ca_params.not_after = now + time::Duration::days(VALID_DAYS);
    let ca_key = KeyPair::generate()?;
    let ca_cert = ca_params.self_signed(&ca_key)?;
    let issuer = rcgen::Issuer::new(ca_params, ca_key);

    let mut params = CertificateParams::default();
    params.distinguished_name = named(hosts.first().map_or("ballotbox", String::as_str));
    params.subject_alt_names = names;
    params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    params.not_before = now - time::Duration::days(1);
    params.not_after = now + time::Duration::days(VALID_DAYS);
    let server_key = KeyPair::generate()?;
    let server_cert = params.signed_by(&server_key, &issuer)?;

    std::fs::create_dir_all(dir).map_err(|e| TlsError::Io(dir.to_owned(), e))?;
    write(&ca, ca_cert.pem().as_bytes(), false)?;
    write(
        &cert,
        format!("{}{}", server_cert.pem(), ca_cert.pem()).as_bytes(),
        false,
    )?;
    write(&key, server_key.serialize_pem().as_bytes(), true)?;
    Ok(Made {
        fingerprints: Fingerprints {
            certificate: fingerprint(server_cert.der()),
            ca: Some(fingerprint(ca_cert.der())),
        },
        ca,
        cert,
        key,
    })
}

/// The fingerprints of a certificate file: the first certificate is the server's, the last
/// (when there are several) the CA's.
pub fn fingerprints(cert: &Path) -> Result<Fingerprints, TlsError> {
    let certificates: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(cert)
        .map_err(|e| TlsError::Io(cert.to_owned(), std::io::Error::other(e.to_string())))?
        .collect::<Result<_, _>>()
        .map_err(|e| TlsError::Io(cert.to_owned(), std::io::Error::other(e.to_string())))?;
    let first = certificates
        .first()
        .ok_or_else(|| TlsError::NoCertificate(cert.to_owned()))?;
    Ok(Fingerprints {
        certificate: fingerprint(first),
        ca: (certificates.len() > 1)
            .then(|| certificates.last().map(fingerprint))
            .flatten(),
    })
}

/// SHA-256 of a certificate's DER bytes in groups of four hex digits, as the pages show it.
fn fingerprint(der: &CertificateDer<'_>) -> String {
    sha256(&[der.as_ref()]).grouped()
}

fn named(common_name: &str) -> DistinguishedName {
    let mut name = DistinguishedName::new();
    name.push(DnType::CommonName, common_name);
    name.push(DnType::OrganizationName, "ballotbox");
    name
}

fn san(host: &str) -> Result<SanType, TlsError> {
    if let Ok(ip) = host.parse::<std::net::IpAddr>() {
        return Ok(SanType::IpAddress(ip));
    }
    let valid = !host.is_empty()
        && host.len() <= 253
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        });
    if !valid {
        return Err(TlsError::Host(host.to_owned()));
    }
    Ok(SanType::DnsName(
        host.to_ascii_lowercase()
            .try_into()
            .map_err(|_| TlsError::Host(host.to_owned()))?,
    ))
}

fn write(path: &Path, bytes: &[u8], secret: bool) -> Result<(), TlsError> {
    use std::io::Write;

    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        if secret {
            options.mode(0o600);
        }
    }
    #[cfg(not(unix))]
    let _ = secret;
    let mut file = options
        .open(path)
        .map_err(|e| TlsError::Io(path.to_owned(), e))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|e| TlsError::Io(path.to_owned(), e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_ip_addresses_or_host_names() {
        assert!(matches!(san("192.168.10.2"), Ok(SanType::IpAddress(_))));
        assert!(matches!(san("::1"), Ok(SanType::IpAddress(_))));
        assert!(matches!(san("ballot.local"), Ok(SanType::DnsName(_))));
        for bad in ["", "a b", "-x.local", "x..local", "投票.local"] {
            assert!(san(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn init_writes_a_chain_whose_fingerprints_it_reports_and_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let made = init(
            dir.path(),
            &["127.0.0.1".to_owned(), "localhost".to_owned()],
        )
        .unwrap();
        assert_eq!(fingerprints(&made.cert).unwrap(), made.fingerprints);
        let ca = fingerprints(&made.ca).unwrap();
        assert_eq!(Some(ca.certificate), made.fingerprints.ca);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&made.key).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0, "the key is its owner's alone");
        }
        assert!(matches!(
            init(dir.path(), &["127.0.0.1".to_owned()]),
            Err(TlsError::Exists(_))
        ));
    }
}
