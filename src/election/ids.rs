//! Identifiers of contests and candidates, checked once when they are parsed.

use std::fmt;

/// Why a string was refused as an identifier.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// The identifier was the empty string.
    #[error("an id may not be empty")]
    Empty,
    /// The identifier was longer than [`MAX_ID_LEN`].
    #[error("id \"{0}\" is longer than 64 characters")]
    TooLong(String),
    /// The identifier held a character outside `A–Z a–z 0–9 - _ .`.
    #[error("id \"{0}\" may contain only letters, digits, '-', '_' and '.'")]
    BadCharacter(String),
}

/// The longest identifier accepted, in bytes.
pub const MAX_ID_LEN: usize = 64;

fn check_id(text: &str) -> Result<(), IdError> {
    if text.is_empty() {
        return Err(IdError::Empty);
    }
    if text.len() > MAX_ID_LEN {
        return Err(IdError::TooLong(text.chars().take(MAX_ID_LEN).collect()));
    }
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
    if !text.chars().all(allowed) {
        return Err(IdError::BadCharacter(text.to_owned()));
    }
    Ok(())
}

/// Declares an identifier type: a string that passed [`check_id`], serialised as that string.
macro_rules! identifier {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[derive(serde::Serialize, serde::Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// Parses an identifier: 1–64 characters of `A–Z a–z 0–9 - _ .`.
            pub fn parse(text: &str) -> Result<Self, IdError> {
                check_id(text).map(|()| Self(text.to_owned()))
            }

            /// The identifier as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = IdError;
            fn try_from(text: String) -> Result<Self, IdError> {
                check_id(&text).map(|()| Self(text))
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

identifier! {
    /// Names one contest of a congress, such as `committee` or `audit`.
    ContestId
}

identifier! {
    /// Names one *person* standing as a candidate; the same id in two contests is the same
    /// person (which is how the committee/audit-committee incompatibility is seen).
    CandidateId
}

impl CandidateId {
    /// The id under which the `n`th (from 1) person written in at the congress stands in a tie
    /// re-vote (docs/record-format.md §8): `~n`. Such a person has no delegate number, and `~`
    /// is no character of one, so the id cannot name anyone else.
    pub fn written_in(n: usize) -> CandidateId {
        CandidateId(format!("~{n}"))
    }

    /// Parses an id on a tie re-vote's list: a delegate number, or `~n` for a written-in
    /// person ([`CandidateId::written_in`]; `n` from 1, without leading zeros).
    pub fn parse_standing(text: &str) -> Result<CandidateId, IdError> {
        if is_written_in(text) {
            return Ok(CandidateId(text.to_owned()));
        }
        CandidateId::parse(text)
    }

    /// Whether this is the id of a written-in person standing in a tie re-vote.
    pub fn is_written_in(&self) -> bool {
        is_written_in(&self.0)
    }
}

/// Whether `id` is `~n`, the id of a written-in person standing in a tie re-vote.
pub fn is_written_in(id: &str) -> bool {
    id.strip_prefix('~').is_some_and(|n| {
        !n.is_empty()
            && n.len() <= 9
            && !n.starts_with('0')
            && n.bytes().all(|b| b.is_ascii_digit())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_ids_are_accepted() {
        assert_eq!(
            ContestId::parse("women_committee").map(|id| id.to_string()),
            Ok("women_committee".into())
        );
        assert!(CandidateId::parse("c-01.2").is_ok());
    }

    #[test]
    fn empty_long_and_odd_ids_are_refused() {
        assert_eq!(ContestId::parse(""), Err(IdError::Empty));
        assert!(matches!(
            ContestId::parse(&"x".repeat(65)),
            Err(IdError::TooLong(_))
        ));
        assert!(matches!(
            CandidateId::parse("王芳"),
            Err(IdError::BadCharacter(_))
        ));
        assert!(matches!(
            CandidateId::parse("a b"),
            Err(IdError::BadCharacter(_))
        ));
    }

    #[test]
    fn a_written_in_person_stands_in_a_re_vote_as_tilde_n_and_nowhere_else() {
        assert!(CandidateId::parse("~1").is_err());
        assert_eq!(
            CandidateId::parse_standing("~12").map(|id| id.is_written_in()),
            Ok(true)
        );
        assert_eq!(CandidateId::written_in(3).as_str(), "~3");
        for bad in ["~", "~0", "~01", "~1a", "~-1", "~1234567890"] {
            assert!(CandidateId::parse_standing(bad).is_err(), "{bad}");
        }
        assert_eq!(
            CandidateId::parse_standing("c01").map(|id| id.is_written_in()),
            Ok(false)
        );
    }
}
