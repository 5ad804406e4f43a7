//! A congress loaded whole, and what is derived from it: validation through the rules engine,
//! ballot styles, attendance per electorate, and the manifest.

use std::collections::BTreeMap;

use crate::election::roster::{Delegate, Gender};
use crate::election::setup::{SetupDraft, SetupError};
use crate::election::{BallotOrder, CandidateOrder, ballot_order};
use crate::election::{ContestDraft, ContestKind, RoundKind, Setup};
use crate::record::canonical;
use crate::record::documents::Sitting;
use crate::record::hash::sha256;
use crate::record::manifest::{
    self, CandidatePart, CongressPart, ContestPart, ElectoratePart, Manifest, ScrutineerPart,
    StylePart,
};
use crate::store::StoreError;
use crate::store::congress::{
    self as stored, Congress, ContestSetup, Electorate, RosterEntry, Scrutineer,
};

use super::AppState;
use super::error::ApiError;

/// Everything about one congress.
pub struct Loaded {
    /// The congress.
    pub congress: Congress,
    /// The roster with attendance.
    pub roster: Vec<RosterEntry>,
    /// The contests in ballot order.
    pub contests: Vec<ContestSetup>,
    /// The scrutineers.
    pub scrutineers: Vec<Scrutineer>,
    /// Members present at each body's first meeting (the committee's plenary, the funds audit
    /// and the women workers' committees' meetings).
    pub sitting_present: BTreeMap<Sitting, u32>,
}

/// Members present at each body's first meeting.
pub async fn sitting_present(
    conn: &mut sqlx::AnyConnection,
    id: &str,
) -> Result<BTreeMap<Sitting, u32>, StoreError> {
    let mut present = BTreeMap::new();
    for sitting in Sitting::BODIES {
        let count = crate::store::sittings::present(conn, id, sitting)
            .await?
            .len();
        present.insert(sitting, u32::try_from(count).unwrap_or(u32::MAX));
    }
    Ok(present)
}

/// Loads a congress, or 404.
pub async fn load(state: &AppState, id: &str) -> Result<Loaded, ApiError> {
    let mut conn = state.store.read().await?;
    let congress = stored::get(&mut conn, id)
        .await?
        .ok_or_else(|| ApiError::not_found("this congress"))?;
    let roster = stored::roster(&mut conn, id).await?;
    let mut contests = stored::contests(&mut conn, id).await?;
    put_all_in_ballot_order(&mut contests, &roster, &congress);
    Ok(Loaded {
        roster,
        contests,
        scrutineers: stored::scrutineers(&mut conn, id).await?,
        sitting_present: sitting_present(&mut conn, id).await?,
        congress,
    })
}

/// Puts every contest's candidates in ballot order under the congress's profile: see
/// [`put_in_ballot_order`]. Whoever reads contests to show, check or freeze them calls this.
pub fn put_all_in_ballot_order(
    contests: &mut [ContestSetup],
    roster: &[RosterEntry],
    congress: &Congress,
) {
    for contest in contests {
        put_in_ballot_order(contest, roster, congress.info.profile.ballot_order);
    }
}

/// Puts a contest's candidates in ballot order (RULES.md §2): by strokes under the profile's
/// `method`, unless the organiser fixed the order by hand. Done whenever a congress is loaded,
/// so that a change of the profile or of a name before freezing is followed; once frozen, the
/// manifest's order is the one that counts.
pub fn put_in_ballot_order(
    contest: &mut ContestSetup,
    roster: &[RosterEntry],
    method: BallotOrder,
) {
    if contest.order == CandidateOrder::AsListed {
        return;
    }
    let name = |number: &crate::election::roster::DelegateNo| -> String {
        roster
            .iter()
            .find(|e| &e.delegate.number == number)
            .map_or_else(|| number.to_string(), |e| e.delegate.name.clone())
    };
    let mut named: Vec<(String, _)> = contest
        .candidates
        .drain(..)
        .map(|number| (name(&number), number))
        .collect();
    ballot_order::sort(&mut named, method, |(name, _)| name.as_str());
    contest.candidates = named.into_iter().map(|(_, number)| number).collect();
}

/// Refuses a change once the manifest is frozen.
pub fn ensure_not_frozen(congress: &Congress) -> Result<(), ApiError> {
    if congress.frozen.is_some() {
        return Err(ApiError::conflict(
            "frozen",
            "the setup is frozen: nothing in it can change any more (the manifest hash is in the minutes)",
        ));
    }
    Ok(())
}

/// A ballot style: the contests one card votes in, and who receives such a card.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct Style {
    /// `general`, `female`, or a body's meeting: `plenary`, `audit_plenary`, `women_plenary`.
    pub id: &'static str,
    /// Who receives it: `all`, `male`, `female`, or the members at a body's meeting (the
    /// meeting's name again).
    pub electorate: &'static str,
    /// Its contests in ballot order.
    pub contests: Vec<String>,
}

impl Loaded {
    /// The ballot styles. Female delegates vote in the women's committee on the same paper as
    /// in the congress's contests, so when there is a female contest, women receive the
    /// `female` style and men the `general` one. Each body's first meeting that elects
    /// something has a style of its own, named as the meeting.
    pub fn styles(&self) -> Vec<Style> {
        let ids = |electorates: &[Electorate]| -> Vec<String> {
            self.contests
                .iter()
                .filter(|c| electorates.contains(&c.electorate))
                .map(|c| c.id.clone())
                .collect()
        };
        let general = ids(&[Electorate::All]);
        let female = ids(&[Electorate::All, Electorate::Female]);
        let has_female = female.len() > general.len();
        let mut styles = Vec::new();
        if !general.is_empty() {
            styles.push(Style {
                id: "general",
                electorate: if has_female { "male" } else { "all" },
                contests: general,
            });
        }
        if has_female {
            styles.push(Style {
                id: "female",
                electorate: "female",
                contests: female,
            });
        }
        for sitting in Sitting::BODIES {
            let Some(electorate) = Electorate::of_sitting(sitting) else {
                continue;
            };
            let contests = ids(&[electorate]);
            if !contests.is_empty() {
                styles.push(Style {
                    id: sitting.as_str(),
                    electorate: sitting.as_str(),
                    contests,
                });
            }
        }
        styles
    }

    /// Whether `delegate` receives a card of `style`. A body's members are known only once the
    /// body is elected, so nobody receives a card of its meeting at the congress's check-in.
    pub fn receives(style: &Style, delegate: &Delegate) -> bool {
        delegate.voting
            && match style.electorate {
                "all" => true,
                "male" => delegate.gender == Gender::Male,
                "female" => delegate.gender == Gender::Female,
                _ => false,
            }
    }

    /// Entitled voters (应到) and those present (实到) of an electorate.
    pub fn attendance(&self, electorate: Electorate) -> (u32, u32) {
        let member = |entry: &&RosterEntry| match electorate {
            Electorate::All => entry.delegate.voting,
            Electorate::Female => entry.delegate.voting && entry.delegate.gender == Gender::Female,
            Electorate::Plenary | Electorate::AuditPlenary | Electorate::WomenPlenary => false,
        };
        let entitled = self.roster.iter().filter(member).count();
        let present = self
            .roster
            .iter()
            .filter(member)
            .filter(|e| e.present)
            .count();
        (
            u32::try_from(entitled).unwrap_or(u32::MAX),
            u32::try_from(present).unwrap_or(u32::MAX),
        )
    }

    /// Entitled voters of an electorate, as the threshold's base. A body's meeting is the new
    /// body: as many as it has seats.
    pub fn entitled(&self, electorate: Electorate) -> u32 {
        match electorate.sitting().body() {
            Some(body) => self
                .contests
                .iter()
                .filter(|c| c.kind == body)
                .map(|c| c.seats)
                .sum(),
            None => self.attendance(electorate).0,
        }
    }

    /// Delegates present who receive a card of `style`: the most cards of it that may be active.
    /// The cards of a body's meeting go to the body's members present at it.
    pub fn style_limit(&self, style: &Style) -> u32 {
        let sitting = Sitting::of_electorate(style.electorate);
        if sitting != Sitting::Congress {
            return self.sitting_present.get(&sitting).copied().unwrap_or(0);
        }
        let count = self
            .roster
            .iter()
            .filter(|e| e.present && Self::receives(style, &e.delegate))
            .count();
        u32::try_from(count).unwrap_or(u32::MAX)
    }

    fn delegate(&self, number: &str) -> Option<&Delegate> {
        self.roster
            .iter()
            .map(|e| &e.delegate)
            .find(|d| d.number.as_str() == number)
    }
}

/// What stops a setup from being frozen, and what an organiser should look at.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, utoipa::ToSchema)]
pub struct Validation {
    /// Whether the setup can be frozen.
    pub ready: bool,
    /// Every problem, each saying what to fix, in English.
    pub problems: Vec<String>,
    /// Things to look at that do not stop freezing, in English.
    pub warnings: Vec<String>,
    /// The problems, then the warnings, each as a code with parameters, for a page to say it in
    /// its reader's language.
    pub findings: Vec<Finding>,
}

/// One problem or warning of a [`Validation`]: a stable code, its parameters, the console
/// section where it is fixed, and the English sentence of `problems` or `warnings`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, utoipa::ToSchema)]
pub struct Finding {
    /// Whether it stops freezing.
    pub severity: Severity,
    /// A stable code, such as `candidate_not_on_roster` or `setup_too_few_candidates`.
    pub code: &'static str,
    /// The code's parameters. A contest is named by `contest` (its id) and `contest_title`; a
    /// person by `number` (the delegate number) and `name` when on the roster; a name's
    /// problem by its code (`problem`, such as `name_empty`); several persons as `persons`, a
    /// list of `{number, name}`.
    #[schema(value_type = Object)]
    pub params: serde_json::Value,
    /// The console section where it is fixed: `congress`, `roster`, `contests` or
    /// `scrutineers`.
    pub section: &'static str,
    /// The same in English, for logs and scripts.
    pub message: String,
}

/// Whether a [`Finding`] stops freezing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// It must be fixed before freezing.
    Problem,
    /// It should be looked at.
    Warning,
}

/// The section of the console that fixes a rules-engine problem.
fn setup_section(error: &SetupError) -> &'static str {
    match error {
        SetupError::NoneEntitled(_) | SetupError::BadName { .. } | SetupError::TwoNames { .. } => {
            "roster"
        }
        SetupError::CandidateIsScrutineer(_) | SetupError::BadScrutineerId(_) => "scrutineers",
        SetupError::NoMembers => "congress",
        _ => "contests",
    }
}

/// Checks a setup: the rules engine's checks of RULES.md §§1–2 and §6, and the checks that need
/// the roster.
pub fn validate(loaded: &Loaded) -> Validation {
    let mut found: Vec<Finding> = Vec::new();
    let mut push = |severity, code, section, params: serde_json::Value, message: String| {
        found.push(Finding {
            severity,
            code,
            params,
            section,
            message,
        })
    };
    use Severity::{Problem, Warning};
    use serde_json::json;
    if loaded.roster.is_empty() {
        push(
            Problem,
            "roster_missing",
            "roster",
            json!({}),
            "import the roster (代表名册) first".to_owned(),
        );
    }
    if loaded.contests.is_empty() {
        push(
            Problem,
            "no_contests",
            "contests",
            json!({}),
            "add at least one contest".to_owned(),
        );
    }
    for contest in &loaded.contests {
        for number in &contest.candidates {
            match loaded.delegate(number.as_str()) {
                None => push(
                    Problem,
                    "candidate_not_on_roster",
                    "contests",
                    json!({"contest": contest.id, "number": number}),
                    format!(
                        "contest \"{}\": candidate {number} is not on the roster",
                        contest.id
                    ),
                ),
                // 女职委条例: the women workers' committee is made of women.
                Some(d)
                    if contest.kind == ContestKind::WomenCommittee
                        && d.gender != Gender::Female =>
                {
                    push(
                        Problem,
                        "candidate_not_female",
                        "contests",
                        json!({"contest": contest.id, "number": number}),
                        format!(
                            "contest \"{}\": candidate {} ({}) is not female",
                            contest.id, number, d.name
                        ),
                    )
                }
                Some(_) => {}
            }
        }
        if contest.kind == ContestKind::WomenCommittee && contest.electorate != Electorate::Female {
            push(
                Problem,
                "women_committee_electorate",
                "contests",
                json!({"contest": contest.id}),
                format!(
                    "contest \"{}\": the women workers' committee is elected by the female delegates (女职委条例 Art. 13)",
                    contest.id
                ),
            );
        }
        let sitting = contest.electorate.sitting();
        // The heads of the funds audit and the women workers' committees are elected by those
        // bodies at their first meetings (章程 Art. 26; 女职委条例; RULES.md §1), and those
        // meetings elect nothing else.
        if let Some(body) = contest.kind.elected_by_body()
            && sitting.body() != Some(body)
        {
            let meeting = Sitting::BODIES
                .into_iter()
                .find(|s| s.body() == Some(body))
                .map_or("", |s| s.as_str());
            push(
                Problem,
                "head_electorate",
                "contests",
                json!({"contest": contest.id, "kind": contest.kind.as_str(), "body": body.as_str(), "electorate": meeting}),
                format!(
                    "contest \"{}\": a {} is elected by the members of {} at its first meeting: its electorate is \"{meeting}\"",
                    contest.id,
                    contest.kind.as_str(),
                    Sitting::of_electorate(meeting).body_name()
                ),
            );
        }
        if matches!(sitting, Sitting::AuditPlenary | Sitting::WomenPlenary)
            && contest.kind.elected_by_body() != sitting.body()
        {
            push(
                Problem,
                "meeting_elects_heads_only",
                "contests",
                json!({"contest": contest.id, "kind": contest.kind.as_str(), "body": sitting.body().map(ContestKind::as_str)}),
                format!(
                    "contest \"{}\": the members of {} elect only its heads at their first meeting, not a contest of kind \"{}\"",
                    contest.id,
                    sitting.body_name(),
                    contest.kind.as_str()
                ),
            );
        }
        // A body's first meeting elects from the new body's members (2016 条例 Art. 3 for the
        // committee's plenary; RULES.md §1).
        if let Some(body) = sitting.body() {
            let listed: Vec<&str> = loaded
                .contests
                .iter()
                .filter(|c| c.kind == body)
                .flat_map(|c| c.candidates.iter().map(|n| n.as_str()))
                .collect();
            for number in contest
                .candidates
                .iter()
                .filter(|n| !listed.contains(&n.as_str()))
            {
                push(
                    Problem,
                    "candidate_not_in_body",
                    "contests",
                    json!({"contest": contest.id, "number": number, "body": body.as_str()}),
                    format!(
                        "contest \"{}\": candidate {number} does not stand for {}, whose members elect this contest",
                        contest.id,
                        sitting.body_name()
                    ),
                );
            }
            // The body is elected competitively (差额选举), so any of them may lose; its
            // meeting then cannot put them up, in its first round or any later one.
            let standing: Vec<&str> = contest
                .candidates
                .iter()
                .map(|n| n.as_str())
                .filter(|n| listed.contains(n))
                .collect();
            if !standing.is_empty() {
                push(
                    Warning,
                    "candidates_must_be_elected_first",
                    "contests",
                    json!({"contest": contest.id, "numbers": standing, "body": body.as_str()}),
                    format!(
                        "contest \"{}\": its candidates ({}) must first be elected to {}: one the congress does not elect cannot stand in any round of its members' meeting, additional rounds included (2016 条例 Art. 3; RULES.md §1)",
                        contest.id,
                        standing.join(", "),
                        sitting.body_name()
                    ),
                );
            }
        }
    }
    for scrutineer in &loaded.scrutineers {
        if loaded.delegate(scrutineer.number.as_str()).is_none() {
            push(
                Problem,
                "scrutineer_not_on_roster",
                "scrutineers",
                json!({"number": scrutineer.number}),
                format!("scrutineer {} is not on the roster", scrutineer.number),
            );
        }
    }
    // 女职委条例 Art. 11: ten or more female members need a women workers' committee.
    let female_members = loaded.congress.info.female_members.unwrap_or(0);
    if female_members >= 10
        && !loaded
            .contests
            .iter()
            .any(|c| c.kind == ContestKind::WomenCommittee)
    {
        push(
            Warning,
            "women_committee_required",
            "contests",
            json!({"female_members": female_members}),
            format!(
                "the union has {female_members} female members, so it must have a women workers' committee \
                 (女职委条例 Art. 11): add the contest, or record in the minutes that it is formed by consultation"
            ),
        );
    }
    match Setup::parse(setup_draft(loaded)) {
        Ok(setup) => {
            for warning in setup.warnings() {
                push(
                    Warning,
                    warning.code,
                    "contests",
                    warning.params.clone(),
                    warning.message.clone(),
                );
            }
        }
        Err(errors) => {
            for error in &errors.0 {
                push(
                    Problem,
                    error.code(),
                    setup_section(error),
                    error.params(),
                    error.to_string(),
                );
            }
        }
    }
    // Problems first, as `problems` lists them; each names its contest by title and its
    // persons by name as well.
    found.sort_by_key(|f| f.severity == Warning);
    for finding in &mut found {
        name_things(loaded, &mut finding.params);
    }
    let sentences = |severity| {
        found
            .iter()
            .filter(|f| f.severity == severity)
            .map(|f| f.message.clone())
            .collect::<Vec<_>>()
    };
    Validation {
        ready: !found.iter().any(|f| f.severity == Problem),
        problems: sentences(Problem),
        warnings: sentences(Warning),
        findings: found,
    }
}

/// Adds to a finding's parameters what a person reads: `contest_title` (and `audit_title`) for
/// contest ids, `name` for a delegate number on the roster, `persons` for `numbers`.
fn name_things(loaded: &Loaded, params: &mut serde_json::Value) {
    let Some(params) = params.as_object_mut() else {
        return;
    };
    let title = |id: &serde_json::Value| {
        let id = id.as_str()?;
        loaded
            .contests
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.title.clone())
    };
    let name = |number: &str| loaded.delegate(number).map(|d| d.name.clone());
    for (field, titled) in [("contest", "contest_title"), ("audit", "audit_title")] {
        if let Some(found) = params.get(field).and_then(title) {
            params.insert(titled.to_owned(), found.into());
        }
    }
    if let Some(found) = params.get("number").and_then(|n| n.as_str()).and_then(name) {
        params.insert("name".to_owned(), found.into());
    }
    if let Some(numbers) = params.get("numbers").and_then(|n| n.as_array()).cloned() {
        let persons: Vec<serde_json::Value> = numbers
            .iter()
            .filter_map(|n| n.as_str())
            .map(|n| serde_json::json!({"number": n, "name": name(n).unwrap_or_else(|| n.to_owned())}))
            .collect();
        params.insert("persons".to_owned(), persons.into());
    }
}

/// The setup as the rules engine sees it: candidate ids are delegate numbers.
fn setup_draft(loaded: &Loaded) -> SetupDraft {
    let name = |number: &str| {
        loaded
            .delegate(number)
            .map(|d| d.name.clone())
            .unwrap_or_else(|| number.to_owned())
    };
    SetupDraft {
        profile: loaded.congress.info.profile,
        members: Some(loaded.congress.info.members),
        contests: loaded
            .contests
            .iter()
            .map(|c| ContestDraft {
                id: c.id.clone(),
                kind: c.kind,
                title: c.title.clone(),
                seats: c.seats,
                candidates: c
                    .candidates
                    .iter()
                    .map(|n| (n.as_str().to_owned(), name(n.as_str())))
                    .collect(),
                entitled: loaded.entitled(c.electorate),
                round: RoundKind::Regular,
                filled_earlier: 0,
                members: None,
            })
            .collect(),
        scrutineers: loaded
            .scrutineers
            .iter()
            .map(|s| s.number.as_str().to_owned())
            .collect(),
    }
}

/// The manifest of a valid setup.
pub fn build_manifest(loaded: &Loaded) -> Result<Manifest, StoreError> {
    let delegates: Vec<&Delegate> = loaded.roster.iter().map(|e| &e.delegate).collect();
    let roster = canonical::to_vec(&delegates).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let info = &loaded.congress.info;
    Ok(Manifest {
        format: manifest::FORMAT.to_owned(),
        congress: CongressPart {
            id: loaded.congress.id.clone(),
            name: info.name.clone(),
            union_name: info.union_name.clone(),
            date: info.date.clone(),
            venue: info.venue.clone(),
            members: info.members,
        },
        profile: info.profile,
        size_table: crate::election::SizeTable::ACFTU_2016.version.to_owned(),
        // The plenary's electorate is always listed; the other bodies' meetings only when they
        // elect something, so that a congress without them has the manifest it always had.
        electorates: [
            Electorate::All,
            Electorate::Female,
            Electorate::Plenary,
            Electorate::AuditPlenary,
            Electorate::WomenPlenary,
        ]
        .into_iter()
        .filter(|e| {
            matches!(
                e,
                Electorate::All | Electorate::Female | Electorate::Plenary
            ) || loaded.contests.iter().any(|c| c.electorate == *e)
        })
        .map(|e| ElectoratePart {
            id: e.as_str().to_owned(),
            entitled: loaded.entitled(e),
        })
        .collect(),
        contests: loaded
            .contests
            .iter()
            .map(|c| ContestPart {
                id: c.id.clone(),
                kind: c.kind,
                title: c.title.clone(),
                seats: c.seats,
                electorate: c.electorate.as_str().to_owned(),
                order: c.order,
                candidates: c
                    .candidates
                    .iter()
                    .filter_map(|n| loaded.delegate(n.as_str()))
                    .map(|d| CandidatePart {
                        id: d.number.to_string(),
                        name: d.name.clone(),
                        unit: d.unit.clone(),
                    })
                    .collect(),
            })
            .collect(),
        styles: loaded
            .styles()
            .into_iter()
            .map(|s| StylePart {
                id: s.id.to_owned(),
                electorate: s.electorate.to_owned(),
                contests: s.contests,
            })
            .collect(),
        scrutineers: loaded
            .scrutineers
            .iter()
            .map(|s| ScrutineerPart {
                number: s.number.to_string(),
                name: loaded
                    .delegate(s.number.as_str())
                    .map(|d| d.name.clone())
                    .unwrap_or_default(),
                role: s.role.as_str().to_owned(),
            })
            .collect(),
        roster_hash: sha256(&[&roster]).to_hex(),
        sealing: None,
    })
}
