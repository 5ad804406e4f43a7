//! A tally as a bilingual (中文 / English) text table, for the minutes and the terminal.

use std::fmt::Write;

use unicode_width::UnicodeWidthStr;

use crate::election::tally::{ContestStatus, ContestTally, ElectionTally, NextStep};
use crate::election::{ChairMargin, QuorumRule};

/// Renders `tally` as a readable text report.
pub fn text(tally: &ElectionTally) -> String {
    let mut out = String::new();
    let q = &tally.quorum;
    let _ = writeln!(
        out,
        "法定人数 Quorum: 应到 entitled {} · 实到 present {} · 需到 required {} · {}",
        q.entitled,
        q.present,
        q.required,
        if q.met {
            "已达到 met"
        } else {
            "未达到 NOT MET — 不得进行选举, no vote may be held"
        }
    );
    let p = &tally.profile;
    let _ = writeln!(
        out,
        "规则 Profile: quorum {} · tie re-vote {} · chair {} · size table {}",
        match p.quorum {
            QuorumRule::AtLeastTwoThirds => "≥ 2/3",
            QuorumRule::MoreThanTwoThirds => "> 2/3",
        },
        if p.tie_revote_needs_majority {
            "needs majority"
        } else {
            "most votes"
        },
        match p.chair_margin {
            ChairMargin::EqualAllowed => "等额 allowed",
            ChairMargin::CompetitiveRequired => "差额 required",
        },
        tally.size_table
    );
    for contest in &tally.contests {
        out.push('\n');
        contest_text(&mut out, contest);
    }
    if !tally.warnings.is_empty() {
        out.push_str("\n注意 Warnings:\n");
        for warning in &tally.warnings {
            let _ = writeln!(out, "  - {}", warning.message);
        }
    }
    out
}

fn contest_text(out: &mut String, c: &ContestTally) {
    let _ = writeln!(
        out,
        "{} ({}) — 应选 seats {} · 应到 entitled {} · 当选票数 threshold {}",
        c.title, c.id, c.seats, c.entitled, c.threshold
    );
    let _ = writeln!(
        out,
        "  发出 issued {} · 收回 returned {} · 有效 valid {} · 无效 invalid {}",
        c.issued, c.returned, c.valid, c.invalid
    );
    let mut rows = vec![[
        "候选人 candidate".to_owned(),
        "赞成 for".to_owned(),
        "不赞成 against".to_owned(),
        "弃权 abstain".to_owned(),
        "当选 elected".to_owned(),
    ]];
    for candidate in &c.candidates {
        let who = match &candidate.person.id {
            Some(id) => format!("{} ({id})", candidate.person.name),
            None => format!("{} (另选 write-in)", candidate.person.name),
        };
        let tied = c.tied.contains(&candidate.person);
        rows.push([
            who,
            candidate.for_.to_string(),
            candidate.against.to_string(),
            candidate.abstain.to_string(),
            if candidate.elected {
                "✓".into()
            } else if tied {
                "平票 tie".into()
            } else {
                String::new()
            },
        ]);
    }
    table(out, &rows);
    let _ = writeln!(out, "  结果 status: {}", status_text(c.status));
    if !c.elected.is_empty() {
        let names: Vec<&str> = c.elected.iter().map(|p| p.name.as_str()).collect();
        let _ = writeln!(out, "  当选 elected: {}", names.join("、"));
    }
    let _ = writeln!(out, "  下一步 next: {}", next_text(&c.next));
}

fn status_text(status: ContestStatus) -> &'static str {
    match status {
        ContestStatus::Complete => "完成 complete",
        ContestStatus::Shortfall => "缺额 shortfall",
        ContestStatus::Tie => "末位平票 tie at the last seat",
        ContestStatus::Void => "选举无效 void (returned > issued)",
        ContestStatus::NoQuorum => "不足法定人数 no quorum",
    }
}

fn next_text(next: &NextStep) -> String {
    match next {
        NextStep::None => "无 none".into(),
        NextStep::TieRevote { seats, candidates } => {
            let names: Vec<&str> = candidates.iter().map(|p| p.name.as_str()).collect();
            format!(
                "就 {} 再次投票, {} 名 — re-vote among the tied for {seats} seat(s)",
                names.join("、"),
                seats
            )
        }
        NextStep::FillOpenSeats {
            open_seats,
            proposed,
            enough_candidates,
            seat_reduction,
        } => {
            let names: Vec<String> = proposed
                .iter()
                .map(|p| format!("{} {}", p.person.name, p.for_))
                .collect();
            let mut text = format!(
                "另行选举 {open_seats} 名 — additional round for {open_seats} open seat(s); proposed: {}",
                if names.is_empty() {
                    "—".into()
                } else {
                    names.join("、")
                }
            );
            if !enough_candidates {
                text.push_str(" (too few candidates: the congress must add more)");
            }
            let verdict = match seat_reduction.allowed {
                Some(true) => "allowed",
                Some(false) => "not allowed",
                None => "cannot be judged",
            };
            let _ = write!(
                text,
                "; 或经大会同意减额至 {} 名 — or reduce to {} seat(s): {verdict} ({})",
                seat_reduction.seats, seat_reduction.seats, seat_reduction.reason
            );
            text
        }
        NextStep::RepeatVote => "重新选举 — repeat the vote".into(),
        NextStep::EstablishQuorum => {
            "待实到人数达到法定人数后选举 — vote once two thirds are present".into()
        }
    }
}

/// Writes rows as columns padded by display width, so Chinese text lines up.
fn table<const N: usize>(out: &mut String, rows: &[[String; N]]) {
    let mut widths = [0_usize; N];
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.width());
        }
    }
    for row in rows {
        out.push_str("  ");
        for (i, (cell, width)) in row.iter().zip(widths).enumerate() {
            let pad = width - cell.width();
            if i == 0 {
                out.push_str(cell);
                out.push_str(&" ".repeat(pad));
            } else {
                out.push_str(&" ".repeat(pad + 2));
                out.push_str(cell);
            }
        }
        let trimmed = out.trim_end_matches(' ').len();
        out.truncate(trimmed);
        out.push('\n');
    }
}
