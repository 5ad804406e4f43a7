//! Reading a record file strictly: JSON with no member given twice, of the record's shape, and
//! in its one spelling, so that every verifier reading the file hashes the same bytes.

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use serde_json::value::RawValue;

use super::diff;
use crate::record::documents::{
    CAST_ORDER_RECORD_FORMAT, ElectionRecord, RECORD_FORMAT, SEALED_RECORD_FORMAT, SealedLeaf,
};
use crate::record::parallel;

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
    // The rounds' sealed ballots, nearly all of a large record, are set aside unread and then
    // read on every core, each on its own, so that the record is never held as JSON whole.
    let outline = Outline::default();
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let read = Place::Record
        .seed(Some(&outline))
        .deserialize(&mut deserializer)
        .and_then(|value| deserializer.end().map(|()| value));
    let value = match read {
        Ok(value) => value,
        // Tracking the path costs time on every value, so it is done only to describe an error.
        Err(error) => {
            let mut deserializer = serde_json::Deserializer::from_str(text);
            return Err(
                match serde_path_to_error::deserialize::<_, StrictJson>(&mut deserializer) {
                    // The text is strict JSON: what is wrong is where the sealed ballots stand,
                    // or what follows the record, and the message says which.
                    Ok(_) => RecordError::at(".".into(), error),
                    Err(error) => RecordError::at(error.path().to_string(), error.into_inner()),
                },
            );
        }
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
    let mut record = match ElectionRecord::deserialize(&value) {
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
    drop(value);
    for (round, ballots) in outline.sealed.into_inner() {
        let leaves = read_sealed_ballots(round, &ballots)?;
        let log = record
            .rounds
            .get_mut(round)
            .and_then(|r| r.sealed.as_mut())
            .ok_or_else(|| RecordError::at(format!("rounds[{round}].sealed"), MISSING))?;
        log.ballots = leaves;
    }
    Ok(record)
}

/// Reads round `round`'s sealed ballots on every core, each as strictly as the whole record.
///
/// A sealed ballot's types admit one spelling only — every member required, none unknown, none
/// given twice, no number but the round, every point and scalar in canonical lower-case hex — so
/// a ballot is read straight from its text. Only to describe a ballot that cannot be read is it
/// read again the slow way, as the rest of the record is.
fn read_sealed_ballots(
    round: usize,
    ballots: &[&RawValue],
) -> Result<Vec<SealedLeaf>, RecordError> {
    parallel::map(ballots, |k, ballot| {
        let text = ballot.get();
        serde_json::from_str::<SealedLeaf>(text)
            .map_err(|_| sealed_ballot_error(format!("rounds[{round}].sealed.ballots[{k}]"), text))
    })
    .into_iter()
    .collect()
}

/// Why the sealed ballot at `path`, written `text`, cannot be read: the first fault the whole
/// record's reading would find.
fn sealed_ballot_error(path: String, text: &str) -> RecordError {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = match serde_path_to_error::deserialize::<_, StrictJson>(&mut deserializer) {
        Ok(StrictJson(value)) => value,
        Err(error) => {
            let inner = error.path().to_string();
            return RecordError::at(within(path, &inner), error.into_inner());
        }
    };
    let leaf = match serde_path_to_error::deserialize::<_, SealedLeaf>(&value) {
        Ok(leaf) => leaf,
        Err(error) => {
            let inner = error.path().to_string();
            return RecordError::at(within(path, &inner), error.into_inner());
        }
    };
    match same(path.clone(), &leaf, Some(&value)) {
        Err(error) => error,
        Ok(()) => RecordError::at(path, "the ballot cannot be read"),
    }
}

/// The path `inner` (`.` for the whole) within the part at `path`.
fn within(mut path: String, inner: &str) -> String {
    if inner != "." {
        if !inner.starts_with('[') {
            path.push('.');
        }
        path.push_str(inner);
    }
    path
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
    let full = within(path, &diff::path_text(&difference.path));
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
        Place::Elsewhere
            .seed(None)
            .deserialize(deserializer)
            .map(StrictJson)
    }
}

/// The sealed ballots of each round (by its place in `rounds`), set aside unread.
#[derive(Default)]
struct Outline<'de> {
    sealed: RefCell<Vec<(usize, Vec<&'de RawValue>)>>,
}

/// Where a value stands in a record, as far as finding the sealed ballots needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Record,
    Rounds,
    Round(usize),
    Sealed(usize),
    Elsewhere,
}

impl Place {
    fn seed<'o, 'de>(self, outline: Option<&'o Outline<'de>>) -> Strict<'o, 'de> {
        Strict {
            place: self,
            outline,
        }
    }

    /// The place of member `key` of an object here.
    fn member(self, key: &str) -> Place {
        match (self, key) {
            (Place::Record, "rounds") => Place::Rounds,
            (Place::Round(i), "sealed") => Place::Sealed(i),
            _ => Place::Elsewhere,
        }
    }
}

/// Reads strict JSON at `place`; with an outline, sets the sealed ballots aside in it and
/// leaves an empty list in their place.
struct Strict<'o, 'de> {
    place: Place,
    outline: Option<&'o Outline<'de>>,
}

impl<'de> DeserializeSeed<'de> for Strict<'_, 'de> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict<'_, 'de> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("JSON")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        serde_json::Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| E::custom("a number that is not finite"))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        loop {
            let place = match self.place {
                Place::Rounds => Place::Round(items.len()),
                _ => Place::Elsewhere,
            };
            match seq.next_element_seed(place.seed(self.outline))? {
                Some(item) => items.push(item),
                None => return Ok(Value::Array(items)),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut members = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if members.contains_key(&key) {
                return Err(de::Error::custom(format!(
                    "the member \"{key}\" is given twice"
                )));
            }
            let member = match (self.place, key.as_str(), self.outline) {
                (Place::Sealed(round), "ballots", Some(outline)) => {
                    let ballots: Vec<&'de RawValue> = map.next_value().map_err(|e| {
                        de::Error::custom(format!("rounds[{round}].sealed.ballots: {e}"))
                    })?;
                    outline.sealed.borrow_mut().push((round, ballots));
                    Value::Array(Vec::new())
                }
                _ => map.next_value_seed(self.place.member(&key).seed(self.outline))?,
            };
            members.insert(key, member);
        }
        Ok(Value::Object(members))
    }
}
