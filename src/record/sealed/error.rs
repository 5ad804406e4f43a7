//! The one error type of sealed-ballot cryptography.

/// Why a sealed-ballot value was refused or could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SealedError {
    /// The system's random number generator failed.
    #[error("no randomness is available")]
    NoRandomness,
    /// Text that is not a canonical Ristretto255 point.
    #[error("a point is 64 lowercase hex digits of a canonical Ristretto255 encoding")]
    BadPoint,
    /// Text that is not a canonical scalar.
    #[error("a scalar is 64 lowercase hex digits of a number below the group order")]
    BadScalar,
    /// The identity point where the specification forbids it.
    #[error("{0} must not be the identity point")]
    Identity(&'static str),
    /// A proof that does not verify; the text says which.
    #[error("the {0} proof does not verify")]
    ProofFails(String),
    /// A value a range proof cannot cover; the prover refuses rather than make a false proof.
    #[error("the value {value} is outside 0 … {bound}")]
    OutOfRange {
        /// The value.
        value: u64,
        /// The proof's bound `L`.
        bound: u64,
    },
    /// A sealed section, ballot or list that does not match the contest or round.
    #[error("{0}")]
    Shape(String),
    /// A point that is no count in the range searched.
    #[error("the point is not m·G for any count m in 0 … {0}")]
    NoCount(u64),
    /// An AES-256-GCM box whose tag fails: wrong key, or altered.
    #[error("the box does not open (wrong key, or it was altered)")]
    BoxDoesNotOpen,
    /// A key file opened with the wrong passphrase (or altered).
    #[error("the passphrase is wrong, or the key file was altered")]
    WrongPassphrase,
    /// A key file that breaks §6.
    #[error("not a trustee key file: {0}")]
    KeyFile(String),
    /// A secret share that does not match the published commitments.
    #[error("the share from trustee {from} to trustee {to} does not match the commitments")]
    ShareMismatch {
        /// The trustee who dealt the share.
        from: u32,
        /// The trustee who received it.
        to: u32,
    },
    /// A key-ceremony message or step that breaks §5.
    #[error("key ceremony: {0}")]
    Ceremony(String),
    /// Fewer partial decryptions than the threshold.
    #[error("{needed} trustees must take part, but only {got} did")]
    TooFewTrustees {
        /// The threshold `t`.
        needed: usize,
        /// The distinct trustees given.
        got: usize,
    },
    /// A write-in name that cannot be sealed or read (§7, §9).
    #[error("write-in: {0}")]
    WriteIn(&'static str),
    /// A challenged ballot's opening that does not seal to the ballot (§7.1).
    #[error("the challenged ballot does not match its opening: {0}")]
    Challenge(String),
    /// A write-in name that record-format.md §1 refuses.
    #[error("write-in: the name {0}")]
    Name(#[from] crate::election::names::NameError),
}
