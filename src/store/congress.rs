//! A congress and its setup: the roster, contests with their candidates, scrutineers, the
//! frozen manifest, and who is present.

use serde::{Deserialize, Serialize};
use sqlx::{AnyConnection, Row};

use super::StoreError;
use crate::election::roster::{Delegate, DelegateNo, Gender};
use crate::election::{CandidateOrder, ContestKind, RuleProfile};
use crate::record::documents::Sitting;

/// A congress's particulars as the organiser enters them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CongressInfo {
    /// The congress's name, such as 江城市快递员工会成立大会.
    pub name: String,
    /// The union being founded.
    pub union_name: String,
    /// The date, as `YYYY-MM-DD`.
    pub date: String,
    /// Where it is held.
    pub venue: String,
    /// The union's membership, for the committee-size table.
    pub members: u32,
    /// Female members, for the women's committee rule; optional.
    #[serde(default)]
    pub female_members: Option<u32>,
    /// The rule profile.
    #[serde(default)]
    #[schema(value_type = Object)]
    pub profile: RuleProfile,
}

/// A stored congress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Congress {
    /// Its id.
    pub id: String,
    /// Its particulars.
    #[serde(flatten)]
    pub info: CongressInfo,
    /// When it was frozen, if it was.
    pub frozen: Option<Frozen>,
}

// By hand, because the derived schema would be `allOf` a closed `CongressInfo` (a request
// refuses unknown fields) and `id`, which nothing can match: here the particulars' properties
// and the congress's own are one object.
impl utoipa::PartialSchema for Congress {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{Object, ObjectBuilder, OneOfBuilder, Schema, Type};
        use utoipa::openapi::{Ref, RefOr};
        let mut object = match <CongressInfo as utoipa::PartialSchema>::schema() {
            RefOr::T(Schema::Object(object)) => object,
            _ => Object::new(),
        };
        object.additional_properties = None;
        object.description = Some("A stored congress: its id, particulars and freezing.".into());
        let id = ObjectBuilder::new()
            .schema_type(Type::String)
            .description(Some("Its id."));
        object.properties.insert("id".into(), id.into());
        object.required.insert(0, "id".into());
        let frozen = OneOfBuilder::new()
            .item(Object::with_type(Type::Null))
            .item(Ref::from_schema_name("Frozen"))
            .description(Some("When it was frozen, if it was."));
        object.properties.insert("frozen".into(), frozen.into());
        object.required.push("frozen".into());
        RefOr::T(Schema::Object(object))
    }
}

impl utoipa::ToSchema for Congress {
    fn schemas(
        schemas: &mut Vec<(
            String,
            utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>,
        )>,
    ) {
        use utoipa::{PartialSchema, ToSchema};
        schemas.push((Frozen::name().into(), Frozen::schema()));
        <Frozen as ToSchema>::schemas(schemas);
    }
}

/// What freezing fixed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Frozen {
    /// When, in milliseconds since the Unix epoch.
    pub at: i64,
    /// SHA-256 of the canonical manifest.
    pub manifest_hash: String,
    /// The election's public key.
    pub public_key: String,
}

/// Whose votes a contest takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Electorate {
    /// Every delegate with a vote.
    All,
    /// The female delegates with a vote (女职委条例 Art. 13).
    Female,
    /// The new committee's members at its first plenary.
    Plenary,
    /// The new funds audit committee's members at its first meeting.
    AuditPlenary,
    /// The new women workers' committee's members at its first meeting.
    WomenPlenary,
}

impl Electorate {
    /// The electorate's name as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Electorate::All => "all",
            Electorate::Female => "female",
            Electorate::Plenary => "plenary",
            Electorate::AuditPlenary => "audit_plenary",
            Electorate::WomenPlenary => "women_plenary",
        }
    }

    /// Who sits to vote in this electorate's contests: the congress, or a body's first meeting.
    pub fn sitting(self) -> Sitting {
        Sitting::of_electorate(self.as_str())
    }

    /// The electorate of a body's first meeting.
    pub fn of_sitting(sitting: Sitting) -> Option<Electorate> {
        match sitting {
            Sitting::Congress => None,
            Sitting::Plenary => Some(Electorate::Plenary),
            Sitting::AuditPlenary => Some(Electorate::AuditPlenary),
            Sitting::WomenPlenary => Some(Electorate::WomenPlenary),
        }
    }

    fn parse(text: &str) -> Result<Self, StoreError> {
        serde_json::from_value(serde_json::Value::String(text.to_owned()))
            .map_err(|_| StoreError::Corrupt(format!("unknown electorate \"{text}\"")))
    }
}

/// A contest as set up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ContestSetup {
    /// Its id.
    pub id: String,
    /// The body elected.
    #[schema(value_type = String)]
    pub kind: ContestKind,
    /// The ballot title.
    pub title: String,
    /// Seats to fill.
    pub seats: u32,
    /// Whose votes it takes.
    pub electorate: Electorate,
    /// How the candidates stand on the ballot: `strokes` (under the rule profile's
    /// `ballot_order`) or `as_listed` (the order was fixed by hand).
    #[schema(value_type = String)]
    pub order: CandidateOrder,
    /// Delegate numbers of the candidates: in the order given as stored, in ballot order once
    /// the congress is loaded.
    #[schema(value_type = Vec<String>)]
    pub candidates: Vec<DelegateNo>,
}

/// A scrutineer's or teller's role (RULES.md §7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ScrutineerRole {
    /// 总监票人.
    Chief,
    /// 监票人.
    Scrutineer,
    /// 计票人.
    Teller,
}

impl ScrutineerRole {
    /// The role's name as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            ScrutineerRole::Chief => "chief",
            ScrutineerRole::Scrutineer => "scrutineer",
            ScrutineerRole::Teller => "teller",
        }
    }
}

/// A scrutineer chosen from the roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Scrutineer {
    /// The delegate's number.
    #[schema(value_type = String)]
    pub number: DelegateNo,
    /// The role.
    pub role: ScrutineerRole,
}

/// A delegate with whether they have checked in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct RosterEntry {
    /// The delegate.
    #[serde(flatten)]
    #[schema(value_type = Object)]
    pub delegate: Delegate,
    /// Whether checked in (实到).
    pub present: bool,
}

fn json_text<T: Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt(e.to_string()))
}

fn from_json_text<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, StoreError> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt(e.to_string()))
}

fn count(value: i64) -> Result<u32, StoreError> {
    u32::try_from(value).map_err(|_| StoreError::Corrupt(format!("count {value} out of range")))
}

/// Creates a congress.
pub async fn insert(
    conn: &mut AnyConnection,
    info: &CongressInfo,
    now: i64,
) -> Result<Congress, StoreError> {
    let id = uuid::Uuid::new_v4().to_string();
    sqlx::query(
        "INSERT INTO congresses (id, name, union_name, date, venue, members, female_members, profile, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&id)
    .bind(&info.name)
    .bind(&info.union_name)
    .bind(&info.date)
    .bind(&info.venue)
    .bind(i64::from(info.members))
    .bind(info.female_members.map(i64::from))
    .bind(json_text(&info.profile)?)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(Congress {
        id,
        info: info.clone(),
        frozen: None,
    })
}

/// Changes a congress's particulars.
pub async fn update(
    conn: &mut AnyConnection,
    id: &str,
    info: &CongressInfo,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE congresses SET name = $2, union_name = $3, date = $4, venue = $5, members = $6, \
         female_members = $7, profile = $8 WHERE id = $1",
    )
    .bind(id)
    .bind(&info.name)
    .bind(&info.union_name)
    .bind(&info.date)
    .bind(&info.venue)
    .bind(i64::from(info.members))
    .bind(info.female_members.map(i64::from))
    .bind(json_text(&info.profile)?)
    .execute(conn)
    .await?;
    Ok(())
}

fn congress(row: &sqlx::any::AnyRow) -> Result<Congress, StoreError> {
    let frozen_at: Option<i64> = row.try_get("frozen_at")?;
    let frozen = match frozen_at {
        Some(at) => Some(Frozen {
            at,
            manifest_hash: row.try_get("manifest_hash")?,
            public_key: row.try_get("public_key")?,
        }),
        None => None,
    };
    let female_members: Option<i64> = row.try_get("female_members")?;
    Ok(Congress {
        id: row.try_get("id")?,
        info: CongressInfo {
            name: row.try_get("name")?,
            union_name: row.try_get("union_name")?,
            date: row.try_get("date")?,
            venue: row.try_get("venue")?,
            members: count(row.try_get("members")?)?,
            female_members: female_members.map(count).transpose()?,
            profile: from_json_text(&row.try_get::<String, _>("profile")?)?,
        },
        frozen,
    })
}

/// One congress.
pub async fn get(conn: &mut AnyConnection, id: &str) -> Result<Option<Congress>, StoreError> {
    let row = sqlx::query(
        "SELECT id, name, union_name, date, venue, members, female_members, profile, frozen_at, manifest_hash, \
         public_key FROM congresses WHERE id = $1",
    )
        .bind(id)
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(congress).transpose()
}

/// Every congress, newest first.
pub async fn list(conn: &mut AnyConnection) -> Result<Vec<Congress>, StoreError> {
    let rows = sqlx::query(
        "SELECT id, name, union_name, date, venue, members, female_members, profile, frozen_at, manifest_hash, \
         public_key FROM congresses ORDER BY created_at DESC, id",
    )
        .fetch_all(conn)
        .await?;
    rows.iter().map(congress).collect()
}

/// The frozen manifest's text and the election key's secret seed (hex).
pub async fn manifest_and_seed(
    conn: &mut AnyConnection,
    id: &str,
) -> Result<Option<(String, String)>, StoreError> {
    let row = sqlx::query(
        "SELECT manifest, signing_seed FROM congresses WHERE id = $1 AND frozen_at IS NOT NULL",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?;
    row.map(|row| Ok((row.try_get("manifest")?, row.try_get("signing_seed")?)))
        .transpose()
}

/// Freezes a congress with its manifest and election key.
pub async fn freeze(
    conn: &mut AnyConnection,
    id: &str,
    now: i64,
    manifest: &str,
    manifest_hash: &str,
    public_key: &str,
    signing_seed: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE congresses SET frozen_at = $2, manifest = $3, manifest_hash = $4, public_key = $5, signing_seed = $6 \
         WHERE id = $1 AND frozen_at IS NULL",
    )
    .bind(id)
    .bind(now)
    .bind(manifest)
    .bind(manifest_hash)
    .bind(public_key)
    .bind(signing_seed)
    .execute(conn)
    .await?;
    Ok(())
}

/// Replaces the roster.
pub async fn replace_roster(
    conn: &mut AnyConnection,
    id: &str,
    delegates: &[Delegate],
) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM delegates WHERE congress_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for delegate in delegates {
        insert_delegate(conn, id, delegate).await?;
    }
    Ok(())
}

async fn insert_delegate(
    conn: &mut AnyConnection,
    id: &str,
    d: &Delegate,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO delegates (congress_id, number, name, gender, unit, voting) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(d.number.as_str())
    .bind(&d.name)
    .bind(gender_str(d.gender))
    .bind(&d.unit)
    .bind(i64::from(d.voting))
    .execute(conn)
    .await?;
    Ok(())
}

fn gender_str(gender: Gender) -> &'static str {
    match gender {
        Gender::Female => "female",
        Gender::Male => "male",
    }
}

/// Changes one delegate's particulars (the number stays).
pub async fn update_delegate(
    conn: &mut AnyConnection,
    id: &str,
    d: &Delegate,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE delegates SET name = $3, gender = $4, unit = $5, voting = $6 WHERE congress_id = $1 AND number = $2",
    )
    .bind(id)
    .bind(d.number.as_str())
    .bind(&d.name)
    .bind(gender_str(d.gender))
    .bind(&d.unit)
    .bind(i64::from(d.voting))
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Removes a delegate; whether there was one.
pub async fn delete_delegate(
    conn: &mut AnyConnection,
    id: &str,
    number: &DelegateNo,
) -> Result<bool, StoreError> {
    let done = sqlx::query("DELETE FROM delegates WHERE congress_id = $1 AND number = $2")
        .bind(id)
        .bind(number.as_str())
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// The roster in delegate-number order.
pub async fn roster(conn: &mut AnyConnection, id: &str) -> Result<Vec<RosterEntry>, StoreError> {
    let rows = sqlx::query(
        "SELECT number, name, gender, unit, voting, present FROM delegates WHERE congress_id = $1 ORDER BY number",
    )
    .bind(id)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|row| {
            let number: String = row.try_get("number")?;
            let gender = match row.try_get::<String, _>("gender")?.as_str() {
                "female" => Gender::Female,
                _ => Gender::Male,
            };
            Ok(RosterEntry {
                delegate: Delegate {
                    number: DelegateNo::parse(&number).map_err(StoreError::Corrupt)?,
                    name: row.try_get("name")?,
                    gender,
                    unit: row.try_get("unit")?,
                    voting: row.try_get::<i64, _>("voting")? != 0,
                },
                present: row.try_get::<i64, _>("present")? != 0,
            })
        })
        .collect()
}

/// Where a delegate stands as a candidate or serves as a scrutineer.
pub async fn references(
    conn: &mut AnyConnection,
    id: &str,
    number: &DelegateNo,
) -> Result<Vec<String>, StoreError> {
    let rows = sqlx::query(
        "SELECT 'contest ' || contest_id AS place FROM candidates WHERE congress_id = $1 AND delegate_number = $2 \
         UNION ALL SELECT 'scrutineers' AS place FROM scrutineers WHERE congress_id = $1 AND delegate_number = $2",
    )
    .bind(id)
    .bind(number.as_str())
    .fetch_all(conn)
    .await?;
    rows.iter().map(|row| Ok(row.try_get("place")?)).collect()
}

/// Adds or replaces a contest with its candidates.
pub async fn put_contest(
    conn: &mut AnyConnection,
    id: &str,
    contest: &ContestSetup,
) -> Result<(), StoreError> {
    let position: Option<i64> =
        sqlx::query("SELECT position FROM contests WHERE congress_id = $1 AND id = $2")
            .bind(id)
            .bind(&contest.id)
            .fetch_optional(&mut *conn)
            .await?
            .map(|row| row.try_get("position"))
            .transpose()?;
    let position = match position {
        Some(position) => position,
        None => {
            let row = sqlx::query("SELECT COALESCE(MAX(position), 0) + 1 AS next FROM contests WHERE congress_id = $1")
                .bind(id)
                .fetch_one(&mut *conn)
                .await?;
            row.try_get("next")?
        }
    };
    delete_contest(conn, id, &contest.id).await?;
    sqlx::query(
        "INSERT INTO contests (congress_id, id, position, kind, title, seats, electorate, candidate_order) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(id)
    .bind(&contest.id)
    .bind(position)
    .bind(contest.kind.as_str())
    .bind(&contest.title)
    .bind(i64::from(contest.seats))
    .bind(contest.electorate.as_str())
    .bind(contest.order.as_str())
    .execute(&mut *conn)
    .await?;
    for (i, number) in contest.candidates.iter().enumerate() {
        sqlx::query(
            "INSERT INTO candidates (congress_id, contest_id, delegate_number, position) VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(&contest.id)
        .bind(number.as_str())
        .bind(i64::try_from(i).unwrap_or(i64::MAX))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Removes a contest; whether there was one.
pub async fn delete_contest(
    conn: &mut AnyConnection,
    id: &str,
    contest: &str,
) -> Result<bool, StoreError> {
    sqlx::query("DELETE FROM candidates WHERE congress_id = $1 AND contest_id = $2")
        .bind(id)
        .bind(contest)
        .execute(&mut *conn)
        .await?;
    let done = sqlx::query("DELETE FROM contests WHERE congress_id = $1 AND id = $2")
        .bind(id)
        .bind(contest)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// The contests in ballot order, with their candidates in the order given.
pub async fn contests(conn: &mut AnyConnection, id: &str) -> Result<Vec<ContestSetup>, StoreError> {
    let rows = sqlx::query("SELECT id, kind, title, seats, electorate, candidate_order FROM contests WHERE congress_id = $1 ORDER BY position")
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
    let mut contests = Vec::with_capacity(rows.len());
    for row in &rows {
        let contest_id: String = row.try_get("id")?;
        let candidates = sqlx::query(
            "SELECT delegate_number FROM candidates WHERE congress_id = $1 AND contest_id = $2 ORDER BY position",
        )
        .bind(id)
        .bind(&contest_id)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|c| DelegateNo::parse(&c.try_get::<String, _>("delegate_number")?).map_err(StoreError::Corrupt))
        .collect::<Result<Vec<_>, StoreError>>()?;
        let kind: String = row.try_get("kind")?;
        contests.push(ContestSetup {
            id: contest_id,
            kind: from_json_text(&format!("\"{kind}\""))?,
            title: row.try_get("title")?,
            seats: count(row.try_get("seats")?)?,
            electorate: Electorate::parse(&row.try_get::<String, _>("electorate")?)?,
            order: {
                let text: String = row.try_get("candidate_order")?;
                CandidateOrder::parse(&text).ok_or_else(|| {
                    StoreError::Corrupt(format!("unknown candidate order \"{text}\""))
                })?
            },
            candidates,
        });
    }
    Ok(contests)
}

/// Replaces the scrutineers.
pub async fn replace_scrutineers(
    conn: &mut AnyConnection,
    id: &str,
    scrutineers: &[Scrutineer],
) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM scrutineers WHERE congress_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for s in scrutineers {
        sqlx::query(
            "INSERT INTO scrutineers (congress_id, delegate_number, role) VALUES ($1, $2, $3)",
        )
        .bind(id)
        .bind(s.number.as_str())
        .bind(s.role.as_str())
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// The scrutineers in delegate-number order.
pub async fn scrutineers(
    conn: &mut AnyConnection,
    id: &str,
) -> Result<Vec<Scrutineer>, StoreError> {
    let rows = sqlx::query("SELECT delegate_number, role FROM scrutineers WHERE congress_id = $1 ORDER BY delegate_number")
        .bind(id)
        .fetch_all(conn)
        .await?;
    rows.iter()
        .map(|row| {
            Ok(Scrutineer {
                number: DelegateNo::parse(&row.try_get::<String, _>("delegate_number")?)
                    .map_err(StoreError::Corrupt)?,
                role: from_json_text(&format!("\"{}\"", row.try_get::<String, _>("role")?))?,
            })
        })
        .collect()
}

/// Marks a delegate present or not; returns whether they were present before, or `None` when
/// there is no such delegate.
pub async fn set_present(
    conn: &mut AnyConnection,
    id: &str,
    number: &DelegateNo,
    present: bool,
) -> Result<Option<bool>, StoreError> {
    let row = sqlx::query("SELECT present FROM delegates WHERE congress_id = $1 AND number = $2")
        .bind(id)
        .bind(number.as_str())
        .fetch_optional(&mut *conn)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let before = row.try_get::<i64, _>("present")? != 0;
    sqlx::query("UPDATE delegates SET present = $3 WHERE congress_id = $1 AND number = $2")
        .bind(id)
        .bind(number.as_str())
        .bind(i64::from(present))
        .execute(conn)
        .await?;
    Ok(Some(before))
}
