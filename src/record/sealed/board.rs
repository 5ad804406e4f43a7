//! The key ceremony's board (§5): the messages the server carries between the trustees, each
//! checked as it is posted, and the stage they add up to. The server keeps the messages and
//! builds the board again from them for every request; a trustee reads the same board to take
//! its next step.

use std::collections::BTreeMap;

use serde::Serialize;

use super::SealedError;
use super::ceremony::{
    Ceremony, CeremonyContext, CheckMessage, CommitmentMessage, ComplaintAnswer, HoldingMessage,
    SecretShare, SharesMessage, TrusteeSecrets,
};
use super::group::{Point, SecretScalar};
use super::randomness::Randomness;

/// Where a ceremony stands: the step it waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Step 1: some trustee has not published its commitments.
    Commitments,
    /// Step 2: every commitment is in; some trustee has not dealt its shares.
    Shares,
    /// Step 3: every share is dealt; some trustee has not said whom it accepts.
    Checks,
    /// Every check is in; some complaint is not answered.
    Answers,
    /// The joint key is known; some trustee has not proved it holds its share.
    Holdings,
    /// Every trustee holds its share: the congress can be frozen under the joint key.
    Complete,
}

/// A message for the board, of any step.
#[derive(Debug, Clone)]
pub enum Message {
    /// Step 1.
    Commitment(CommitmentMessage),
    /// Step 2.
    Shares(SharesMessage),
    /// Step 3.
    Checks(CheckMessage),
    /// The answer to a complaint.
    Answer(ComplaintAnswer),
    /// Step 4.
    Holding(HoldingMessage),
}

impl Message {
    /// The trustee who posts it (the dealer, for an answer).
    pub fn trustee(&self) -> u32 {
        match self {
            Message::Commitment(m) => m.trustee,
            Message::Shares(m) => m.trustee,
            Message::Checks(m) => m.trustee,
            Message::Answer(m) => m.trustee,
            Message::Holding(m) => m.trustee,
        }
    }

    /// The step's name: `commitment`, `shares`, `checks`, `answer` or `holding`.
    pub fn step(&self) -> &'static str {
        match self {
            Message::Commitment(_) => "commitment",
            Message::Shares(_) => "shares",
            Message::Checks(_) => "checks",
            Message::Answer(_) => "answer",
            Message::Holding(_) => "holding",
        }
    }

    /// For an answer, the accuser; 0 for every other message.
    pub fn peer(&self) -> u32 {
        match self {
            Message::Answer(m) => m.accused_by,
            _ => 0,
        }
    }

    /// The message as JSON, as §5 writes it.
    pub fn to_json(&self) -> serde_json::Value {
        let value = match self {
            Message::Commitment(m) => serde_json::to_value(m),
            Message::Shares(m) => serde_json::to_value(m),
            Message::Checks(m) => serde_json::to_value(m),
            Message::Answer(m) => serde_json::to_value(m),
            Message::Holding(m) => serde_json::to_value(m),
        };
        // Points, scalars, numbers and lists: nothing here can fail to serialise.
        value.unwrap_or(serde_json::Value::Null)
    }

    /// Reads a message of step `step` from its JSON.
    pub fn from_json(step: &str, text: &str) -> Result<Message, SealedError> {
        let bad = |e: serde_json::Error| SealedError::Ceremony(format!("a {step} message: {e}"));
        Ok(match step {
            "commitment" => Message::Commitment(serde_json::from_str(text).map_err(bad)?),
            "shares" => Message::Shares(serde_json::from_str(text).map_err(bad)?),
            "checks" => Message::Checks(serde_json::from_str(text).map_err(bad)?),
            "answer" => Message::Answer(serde_json::from_str(text).map_err(bad)?),
            "holding" => Message::Holding(serde_json::from_str(text).map_err(bad)?),
            other => return Err(SealedError::Ceremony(format!("no step {other:?}"))),
        })
    }
}

/// Why the board refused a message. Nothing was posted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BoardError {
    /// The message's step is not open now.
    #[error("the ceremony is at the {stage:?} stage: a {step} message cannot be posted now")]
    Stage {
        /// Where the ceremony stands.
        stage: Stage,
        /// The step of the message.
        step: &'static str,
    },
    /// The trustee posted a different message for this step before.
    #[error("trustee {trustee} has posted a different {step} message already")]
    AlreadyPosted {
        /// The trustee.
        trustee: u32,
        /// The step.
        step: &'static str,
    },
    /// The message breaks §5: a proof, a share, a list.
    #[error(transparent)]
    Bad(#[from] SealedError),
}

/// Whether a message was new or the same as one posted before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Posted {
    /// Added to the board.
    New,
    /// The very same message was on the board already.
    Same,
}

/// The messages of one ceremony, each checked.
#[derive(Debug, Clone)]
pub struct Board {
    context: CeremonyContext,
    commitments: BTreeMap<u32, CommitmentMessage>,
    /// Built once every commitment is in.
    ceremony: Option<Ceremony>,
    shares: BTreeMap<u32, SharesMessage>,
    checks: BTreeMap<u32, CheckMessage>,
    /// By (dealer, accuser).
    answers: BTreeMap<(u32, u32), ComplaintAnswer>,
    holdings: BTreeMap<u32, HoldingMessage>,
}

impl Board {
    /// An empty board.
    pub fn new(context: CeremonyContext) -> Board {
        Board {
            context,
            commitments: BTreeMap::new(),
            ceremony: None,
            shares: BTreeMap::new(),
            checks: BTreeMap::new(),
            answers: BTreeMap::new(),
            holdings: BTreeMap::new(),
        }
    }

    /// The context.
    pub fn context(&self) -> &CeremonyContext {
        &self.context
    }

    fn everyone(&self) -> usize {
        self.context.trustees() as usize
    }

    /// Where the ceremony stands.
    pub fn stage(&self) -> Stage {
        if self.commitments.len() < self.everyone() {
            Stage::Commitments
        } else if self.shares.len() < self.everyone() {
            Stage::Shares
        } else if self.checks.len() < self.everyone() {
            Stage::Checks
        } else if !self.open_complaints().is_empty() {
            Stage::Answers
        } else if self.holdings.len() < self.everyone() {
            Stage::Holdings
        } else {
            Stage::Complete
        }
    }

    /// The ceremony, once every commitment is in.
    pub fn ceremony(&self) -> Option<&Ceremony> {
        self.ceremony.as_ref()
    }

    /// The joint key, once every check is in and every complaint answered.
    pub fn joint_key(&self) -> Option<Point> {
        (self.stage() >= Stage::Holdings)
            .then(|| self.ceremony.as_ref().map(Ceremony::joint_key))
            .flatten()
    }

    /// The complaints published and not yet answered, as (dealer, accuser).
    pub fn open_complaints(&self) -> Vec<(u32, u32)> {
        self.complaints()
            .filter(|key| !self.answers.contains_key(key))
            .collect()
    }

    /// Every complaint published, as (dealer, accuser).
    fn complaints(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.checks
            .values()
            .flat_map(|c| c.complaints.iter().map(move |&dealer| (dealer, c.trustee)))
    }

    /// Which steps trustee `trustee` has done: `commitment`, `shares`, `checks`, `holding`.
    pub fn done(&self, trustee: u32) -> Vec<&'static str> {
        [
            ("commitment", self.commitments.contains_key(&trustee)),
            ("shares", self.shares.contains_key(&trustee)),
            ("checks", self.checks.contains_key(&trustee)),
            ("holding", self.holdings.contains_key(&trustee)),
        ]
        .into_iter()
        .filter_map(|(step, done)| done.then_some(step))
        .collect()
    }

    /// The step-1 messages, in trustee order.
    pub fn commitments(&self) -> impl Iterator<Item = &CommitmentMessage> {
        self.commitments.values()
    }

    /// The step-2 messages, in trustee order.
    pub fn shares(&self) -> impl Iterator<Item = &SharesMessage> {
        self.shares.values()
    }

    /// The step-3 messages, in trustee order.
    pub fn checks(&self) -> impl Iterator<Item = &CheckMessage> {
        self.checks.values()
    }

    /// The answers, by dealer then accuser.
    pub fn answers(&self) -> impl Iterator<Item = &ComplaintAnswer> {
        self.answers.values()
    }

    /// The answer of `dealer` to the complaint of `accuser`, if given.
    pub fn answer(&self, dealer: u32, accuser: u32) -> Option<&ComplaintAnswer> {
        self.answers.get(&(dealer, accuser))
    }

    /// The step-4 messages, in trustee order.
    pub fn holdings(&self) -> impl Iterator<Item = &HoldingMessage> {
        self.holdings.values()
    }

    /// Checks a message against the board and adds it.
    pub fn post(&mut self, message: Message) -> Result<Posted, BoardError> {
        let stage = self.stage();
        let step = message.step();
        let wrong_stage = || BoardError::Stage { stage, step };
        let trustee = message.trustee();
        if !(1..=self.context.trustees()).contains(&trustee) {
            return Err(SealedError::Ceremony(format!(
                "there is no trustee {trustee} among 1 … {}",
                self.context.trustees()
            ))
            .into());
        }
        match message {
            Message::Commitment(m) => {
                if let Some(same) = posted(&self.commitments, trustee, &m, step)? {
                    return Ok(same);
                }
                if stage != Stage::Commitments {
                    return Err(wrong_stage());
                }
                m.verify(&self.context)?;
                self.commitments.insert(trustee, m);
                if self.commitments.len() == self.everyone() {
                    let messages = self.commitments.values().cloned().collect();
                    self.ceremony = Some(Ceremony::new(self.context.clone(), messages)?);
                }
            }
            Message::Shares(m) => {
                if let Some(same) = posted(&self.shares, trustee, &m, step)? {
                    return Ok(same);
                }
                if stage != Stage::Shares {
                    return Err(wrong_stage());
                }
                let to: Vec<u32> = m.shares.iter().map(|s| s.to).collect();
                if to != self.others(trustee) {
                    return Err(SealedError::Ceremony(format!(
                        "trustee {trustee} must deal one share to each other trustee, in \
                         increasing order: {:?}, not {to:?}",
                        self.others(trustee)
                    ))
                    .into());
                }
                self.shares.insert(trustee, m);
            }
            Message::Checks(m) => {
                if let Some(same) = posted(&self.checks, trustee, &m, step)? {
                    return Ok(same);
                }
                if stage != Stage::Checks {
                    return Err(wrong_stage());
                }
                let mut named: Vec<u32> = m.accepted.iter().chain(&m.complaints).copied().collect();
                named.sort_unstable();
                let sorted = |list: &[u32]| list.windows(2).all(|w| w[0] < w[1]);
                if named != self.others(trustee) || !sorted(&m.accepted) || !sorted(&m.complaints) {
                    return Err(SealedError::Ceremony(format!(
                        "trustee {trustee} must accept or accuse each other trustee once, in \
                         increasing order: {:?}",
                        self.others(trustee)
                    ))
                    .into());
                }
                self.checks.insert(trustee, m);
            }
            Message::Answer(m) => {
                let key = (m.trustee, m.accused_by);
                if let Some(same) = self.answers.get(&key) {
                    return if same == &m {
                        Ok(Posted::Same)
                    } else {
                        Err(BoardError::AlreadyPosted { trustee, step })
                    };
                }
                if !self.complaints().any(|c| c == key) {
                    return Err(SealedError::Ceremony(format!(
                        "trustee {} has not accused trustee {}",
                        m.accused_by, m.trustee
                    ))
                    .into());
                }
                let ceremony = self.ceremony.as_ref().ok_or_else(wrong_stage)?;
                ceremony.check_answer(&m)?;
                self.answers.insert(key, m);
            }
            Message::Holding(m) => {
                if let Some(same) = posted(&self.holdings, trustee, &m, step)? {
                    return Ok(same);
                }
                if stage != Stage::Holdings {
                    return Err(wrong_stage());
                }
                let ceremony = self.ceremony.as_ref().ok_or_else(wrong_stage)?;
                m.verify(ceremony)?;
                self.holdings.insert(trustee, m);
            }
        }
        Ok(Posted::New)
    }

    /// Every trustee but `trustee`, in increasing order.
    fn others(&self, trustee: u32) -> Vec<u32> {
        (1..=self.context.trustees())
            .filter(|&i| i != trustee)
            .collect()
    }
}

/// `Some(Posted::Same)` when this very message is on the board, an error when another one of
/// the trustee's is, `None` when the trustee has posted none for this step.
fn posted<M: PartialEq>(
    posted: &BTreeMap<u32, M>,
    trustee: u32,
    message: &M,
    step: &'static str,
) -> Result<Option<Posted>, BoardError> {
    match posted.get(&trustee) {
        None => Ok(None),
        Some(earlier) if earlier == message => Ok(Some(Posted::Same)),
        Some(_) => Err(BoardError::AlreadyPosted { trustee, step }),
    }
}

/// One trustee's side of the ceremony: its secrets, and the shares it received and checked.
/// It reads the board and says what to post next; it never trusts the board's carrier, since
/// the board checks every message it is built from.
#[derive(Debug)]
pub struct Participant {
    secrets: TrusteeSecrets,
    commitment: CommitmentMessage,
    /// The shares received, by dealer: `None` for a dealer accused.
    received: BTreeMap<u32, Option<SecretScalar>>,
}

impl Participant {
    /// Step 1: draws the trustee's secrets.
    pub fn start(
        context: &CeremonyContext,
        trustee: u32,
        rng: &mut dyn Randomness,
    ) -> Result<Participant, SealedError> {
        let (secrets, commitment) = super::ceremony::commit(context, trustee, rng)?;
        Ok(Participant {
            secrets,
            commitment,
            received: BTreeMap::new(),
        })
    }

    /// The trustee's number.
    pub fn trustee(&self) -> u32 {
        self.secrets.trustee()
    }

    /// What this trustee must post on `board` as it stands: its step's message, and its
    /// answers to complaints against it. Empty when it waits for others (or, at the holdings
    /// stage, for [`Participant::secret_share`] and its key file).
    pub fn next(
        &mut self,
        board: &Board,
        rng: &mut dyn Randomness,
    ) -> Result<Vec<Message>, SealedError> {
        let me = self.trustee();
        let done = board.done(me);
        let mut messages = Vec::new();
        match board.stage() {
            Stage::Commitments if !done.contains(&"commitment") => {
                messages.push(Message::Commitment(self.commitment.clone()));
            }
            Stage::Shares if !done.contains(&"shares") => {
                let ceremony = board.ceremony().ok_or_else(not_ready)?;
                self.check_own(ceremony)?;
                messages.push(Message::Shares(self.secrets.deal(ceremony, rng)?));
            }
            Stage::Checks if !done.contains(&"checks") => {
                let ceremony = board.ceremony().ok_or_else(not_ready)?;
                let (mut accepted, mut complaints) = (Vec::new(), Vec::new());
                for dealt in board.shares().filter(|m| m.trustee != me) {
                    match ceremony.receive_share(&self.secrets, dealt) {
                        Ok(share) => {
                            accepted.push(dealt.trustee);
                            self.received.insert(dealt.trustee, Some(share));
                        }
                        Err(_) => {
                            complaints.push(dealt.trustee);
                            self.received.insert(dealt.trustee, None);
                        }
                    }
                }
                messages.push(Message::Checks(CheckMessage {
                    trustee: me,
                    accepted,
                    complaints,
                }));
            }
            _ => {}
        }
        messages.extend(
            board
                .open_complaints()
                .into_iter()
                .filter(|&(dealer, _)| dealer == me)
                .map(|(_, accuser)| Message::Answer(self.secrets.answer_complaint(accuser))),
        );
        Ok(messages)
    }

    /// The trustee's secret share, once the joint key is known: the shares it accepted, the
    /// published answers to its complaints, and its own `f_ℓ(ℓ)`; checked against `P_ℓ`.
    pub fn secret_share(&self, board: &Board) -> Result<SecretShare, SealedError> {
        let ceremony = board
            .ceremony()
            .filter(|_| board.joint_key().is_some())
            .ok_or_else(not_ready)?;
        let mut shares = Vec::new();
        for (&dealer, share) in &self.received {
            let share = match share {
                Some(share) => SecretScalar::new(share.0),
                None => {
                    let answer = board.answer(dealer, self.trustee()).ok_or_else(not_ready)?;
                    ceremony.check_answer(answer)?
                }
            };
            shares.push((dealer, share));
        }
        ceremony.secret_share(&self.secrets, &shares)
    }

    /// Checks that the board carries this trustee's own step-1 message unaltered.
    fn check_own(&self, ceremony: &Ceremony) -> Result<(), SealedError> {
        let own = ceremony
            .messages()
            .iter()
            .find(|m| m.trustee == self.trustee());
        if own == Some(&self.commitment) {
            Ok(())
        } else {
            Err(SealedError::Ceremony(format!(
                "the board does not carry trustee {}'s commitments as it published them",
                self.trustee()
            )))
        }
    }
}

fn not_ready() -> SealedError {
    SealedError::Ceremony("the ceremony has not reached this step".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::sealed::randomness::SystemRandomness;

    fn context() -> CeremonyContext {
        CeremonyContext::new("board", 3, 2).unwrap()
    }

    /// Lets every participant take its next steps until none has anything to post; `tamper`
    /// may alter each message before it is posted.
    fn run(
        board: &mut Board,
        participants: &mut [Participant],
        tamper: &mut dyn FnMut(&mut Message),
    ) {
        let mut rng = SystemRandomness::new();
        loop {
            let mut posted = false;
            for participant in participants.iter_mut() {
                for mut message in participant.next(board, &mut rng).unwrap() {
                    tamper(&mut message);
                    assert_eq!(board.post(message).unwrap(), Posted::New);
                    posted = true;
                }
            }
            if !posted {
                return;
            }
        }
    }

    fn participants() -> Vec<Participant> {
        let mut rng = SystemRandomness::new();
        (1..=3)
            .map(|i| Participant::start(&context(), i, &mut rng).unwrap())
            .collect()
    }

    fn hold(board: &mut Board, participants: &[Participant]) {
        let mut rng = SystemRandomness::new();
        for participant in participants {
            let share = participant.secret_share(board).unwrap();
            let holding = HoldingMessage::make(board.context(), &share, &mut rng).unwrap();
            board.post(Message::Holding(holding)).unwrap();
        }
    }

    #[test]
    fn three_trustees_reach_a_joint_key_whose_shares_match_it() {
        let mut board = Board::new(context());
        let mut participants = participants();
        run(&mut board, &mut participants, &mut |_| {});
        assert_eq!(board.stage(), Stage::Holdings);
        hold(&mut board, &participants);
        assert_eq!(board.stage(), Stage::Complete);
        let ceremony = board.ceremony().unwrap();
        assert_eq!(board.joint_key(), Some(ceremony.joint_key()));
    }

    #[test]
    fn a_share_that_does_not_open_is_accused_and_the_answer_completes_the_ceremony() {
        let mut board = Board::new(context());
        let mut participants = participants();
        // Trustee 2 deals trustee 1 the box meant for trustee 3, which 1 cannot open.
        run(&mut board, &mut participants, &mut |message| {
            if let Message::Shares(m) = message
                && m.trustee == 2
            {
                m.shares[0].share = m.shares[1].share.clone();
            }
        });
        assert_eq!(board.stage(), Stage::Holdings);
        let checks: Vec<_> = board.checks().cloned().collect();
        assert_eq!(checks[0].complaints, [2]);
        assert_eq!(checks[0].accepted, [3]);
        assert!(board.answer(2, 1).is_some(), "trustee 2 answered");
        hold(&mut board, &participants);
        assert_eq!(board.stage(), Stage::Complete);
    }

    #[test]
    fn until_the_accused_answers_the_ceremony_waits_and_a_false_answer_is_refused() {
        let mut board = Board::new(context());
        let mut participants = participants();
        let mut rng = SystemRandomness::new();
        run(
            &mut board,
            &mut participants,
            &mut |message| match message {
                Message::Shares(m) if m.trustee == 3 => {
                    m.shares[1].share = m.shares[0].share.clone();
                }
                _ => {}
            },
        );
        // The answers came with the checks; take the board back to just before them.
        let mut waiting = Board::new(context());
        for m in board.commitments() {
            waiting.post(Message::Commitment(m.clone())).unwrap();
        }
        for m in board.shares() {
            waiting.post(Message::Shares(m.clone())).unwrap();
        }
        for m in board.checks() {
            waiting.post(Message::Checks(m.clone())).unwrap();
        }
        assert_eq!(waiting.stage(), Stage::Answers);
        assert_eq!(waiting.open_complaints(), [(3, 2)]);
        assert!(waiting.joint_key().is_none(), "no key before every answer");
        let mut answer = board.answer(3, 2).unwrap().clone();
        let honest = answer.clone();
        answer.share = crate::record::sealed::randomness::random_scalar(&mut rng)
            .unwrap()
            .reveal();
        assert!(matches!(
            waiting.post(Message::Answer(answer)),
            Err(BoardError::Bad(SealedError::ShareMismatch {
                from: 3,
                to: 2
            }))
        ));
        assert_eq!(waiting.post(Message::Answer(honest)).unwrap(), Posted::New);
        assert_eq!(waiting.stage(), Stage::Holdings);
    }

    #[test]
    fn a_step_out_of_turn_or_a_second_different_message_is_refused_and_a_repeat_is_welcome() {
        let mut board = Board::new(context());
        let mut participants = participants();
        let mut rng = SystemRandomness::new();
        let first = participants[0].next(&board, &mut rng).unwrap().remove(0);
        assert_eq!(board.post(first.clone()).unwrap(), Posted::New);
        assert_eq!(board.post(first).unwrap(), Posted::Same);
        let other = Participant::start(&context(), 1, &mut rng).unwrap();
        assert!(matches!(
            board.post(Message::Commitment(other.commitment.clone())),
            Err(BoardError::AlreadyPosted {
                trustee: 1,
                step: "commitment"
            })
        ));
        let checks = Message::Checks(CheckMessage {
            trustee: 2,
            accepted: vec![1, 3],
            complaints: vec![],
        });
        assert!(matches!(
            board.post(checks),
            Err(BoardError::Stage {
                stage: Stage::Commitments,
                step: "checks"
            })
        ));
        let mut forged = participants[1].next(&board, &mut rng).unwrap().remove(0);
        if let Message::Commitment(m) = &mut forged {
            m.commitments.swap(0, 1);
        }
        assert!(matches!(board.post(forged), Err(BoardError::Bad(_))));
        assert_eq!(board.done(2), Vec::<&str>::new());
    }
}
