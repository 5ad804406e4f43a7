//! Reading a record file strictly: JSON with no member given twice, of the record's shape, and
//! in its one spelling, so that every verifier reading the file hashes the same bytes.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::diff;
use crate::record::documents::{
    CAST_ORDER_RECORD_FORMAT, ElectionRecord, RECORD_FORMAT, SEALED_RECORD_FORMAT,
};

/// Why a file is not an election record at all (as opposed to a record that does not verify).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct RecordError {
    /// Where in the document, as `rounds[0].ballots[3].salt`; `None` for the whole text.
    pub path: Option<String>,
    /// What is wrong there, with the path in front.
    pub message: String,
}

impl RecordError {
    fn at(path: String, problem: impl fmt::Display) -> RecordError {
        if path == "." {
            return RecordError {
                path: None,
                message: problem.to_string(),
            };
        }
        RecordError {
            message: format!("{path}: {problem}"),
            path: Some(path),
        }
    }
}

/// Reads an election record: JSON with no member given twice, of the record's shape, and
/// written in its one spelling — every member present, even an empty list or a `null` — so that
/// every document in it is hashed as another verifier reading the same file would hash it.
pub fn parse_record(text: &str) -> Result<ElectionRecord, RecordError> {
    // Tracking the path costs time on every value, so it is done only to describe an error.
    let Ok(StrictJson(value)) = serde_json::from_str::<StrictJson>(text) else {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        return Err(
            match serde_path_to_error::deserialize::<_, StrictJson>(&mut deserializer) {
                Ok(_) => RecordError::at(".".into(), "the record is not JSON"),
                Err(error) => RecordError::at(error.path().to_string(), error.into_inner()),
            },
        );
    };
    if let Some(format) = value.get("format").and_then(Value::as_str) {
        if ![
            SEALED_RECORD_FORMAT,
            RECORD_FORMAT,
            CAST_ORDER_RECORD_FORMAT,
        ]
        .contains(&format)
        {
            return Err(RecordError::at(
                "format".into(),
                format!(
                    "this is a \"{format}\" record; this verifier reads {SEALED_RECORD_FORMAT}, {RECORD_FORMAT} and {CAST_ORDER_RECORD_FORMAT}"
                ),
            ));
        }
    }
    let record = match ElectionRecord::deserialize(&value) {
        Ok(record) => record,
        Err(_) => {
            return Err(
                match serde_path_to_error::deserialize::<_, ElectionRecord>(&value) {
                    Ok(_) => RecordError::at(".".into(), "the record cannot be read"),
                    Err(error) => RecordError::at(error.path().to_string(), error.into_inner()),
                },
            );
        }
    };
    one_spelling(&record, &value)?;
    Ok(record)
}

/// Checks that `value` is exactly how `record` is written, part by part so that a large record
/// is never held twice over.
fn one_spelling(record: &ElectionRecord, value: &Value) -> Result<(), RecordError> {
    let rounds = value.get("rounds").and_then(Value::as_array);
    if rounds.is_none() {
        return Err(RecordError::at("rounds".into(), MISSING));
    }
    // One round at a time: the rounds hold nearly all of a record.
    for (i, round) in record.rounds.iter().enumerate() {
        same(format!("rounds[{i}]"), round, rounds.and_then(|r| r.get(i)))?;
    }
    same("format".into(), &record.format, value.get("format"))?;
    same("manifest".into(), &record.manifest, value.get("manifest"))?;
    same(
        "manifest_hash".into(),
        &record.manifest_hash,
        value.get("manifest_hash"),
    )?;
    same(
        "public_key".into(),
        &record.public_key,
        value.get("public_key"),
    )?;
    same(
        "decisions".into(),
        &record.decisions,
        value.get("decisions"),
    )?;
    same(
        "publication".into(),
        &record.publication,
        value.get("publication"),
    )?;
    same(
        "countersignatures".into(),
        &record.countersignatures,
        value.get("countersignatures"),
    )
}

const MISSING: &str = "missing: a record writes every member, even an empty list or null";

/// Checks that `given` is exactly how `part` is written.
fn same<T: Serialize>(path: String, part: &T, given: Option<&Value>) -> Result<(), RecordError> {
    let written = serde_json::to_value(part).map_err(|e| RecordError::at(path.clone(), e))?;
    let Some(given) = given else {
        return Err(RecordError::at(path, MISSING));
    };
    let Some(difference) = diff::first_difference(&written, given) else {
        return Ok(());
    };
    let mut full = path;
    let inner = diff::path_text(&difference.path);
    if inner != "." {
        if !inner.starts_with('[') {
            full.push('.');
        }
        full.push_str(&inner);
    }
    let problem = match (difference.ours, difference.theirs) {
        (Some(_), None) => MISSING.to_owned(),
        (None, Some(_)) => "a member the record does not have".to_owned(),
        (ours, theirs) => format!(
            "written as {}, which reads as {}: a record has one spelling",
            diff::short(theirs),
            diff::short(ours)
        ),
    };
    Err(RecordError::at(full, problem))
}

/// Any JSON, refusing an object that names a member twice: readers differ on which of the two
/// counts, and a record must read the same everywhere.
struct StrictJson(Value);

impl<'de> Deserialize<'de> for StrictJson {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StrictVisitor)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = StrictJson;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("JSON")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<StrictJson, E> {
        Ok(StrictJson(Value::Bool(v)))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<StrictJson, E> {
        Ok(StrictJson(Value::from(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<StrictJson, E> {
        Ok(StrictJson(Value::from(v)))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<StrictJson, E> {
        serde_json::Number::from_f64(v)
            .map(|n| StrictJson(Value::Number(n)))
            .ok_or_else(|| E::custom("a number that is not finite"))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<StrictJson, E> {
        Ok(StrictJson(Value::String(v.to_owned())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<StrictJson, E> {
        Ok(StrictJson(Value::String(v)))
    }

    fn visit_unit<E: de::Error>(self) -> Result<StrictJson, E> {
        Ok(StrictJson(Value::Null))
    }

    fn visit_none<E: de::Error>(self) -> Result<StrictJson, E> {
        Ok(StrictJson(Value::Null))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<StrictJson, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(StrictJson(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(StrictJson(Value::Array(items)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<StrictJson, A::Error> {
        let mut members = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if members.contains_key(&key) {
                return Err(de::Error::custom(format!(
                    "the member \"{key}\" is given twice"
                )));
            }
            let StrictJson(member) = map.next_value()?;
            members.insert(key, member);
        }
        Ok(StrictJson(Value::Object(members)))
    }
}
