//! A verification report and a receipt check as text for the terminal, 中文 and English.

use std::fmt::Write;

use super::{ReceiptReport, Report};
use crate::record::documents::Sitting;

impl Report {
    /// The report for people: on success a short summary; on failure one line naming what
    /// fails first, then the summary of what held before it.
    pub fn text(&self) -> String {
        let mut out = String::new();
        match &self.failure {
            None => out.push_str(
                "记录核验通过 The election record verifies: everything it claims holds.\n",
            ),
            Some(failure) => {
                let _ = writeln!(out, "核验失败 FAILED: {failure}");
                let _ = writeln!(
                    out,
                    "({} check(s) held before it; what they cover follows)",
                    self.checks.len()
                );
            }
        }
        let s = &self.summary;
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "大会 Congress: {} ({}), {}",
            s.name, s.congress, s.date
        );
        let _ = writeln!(out, "工会 Union: {}", s.union_name);
        let _ = writeln!(out, "清单哈希 Manifest hash: {}", s.manifest_hash.grouped());
        let _ = writeln!(
            out,
            "公钥指纹 Election key fingerprint: {}",
            s.key_fingerprint.grouped()
        );
        let _ = writeln!(
            out,
            "轮次 Rounds: {} round(s), {} ballot(s) checked, {} seat reduction(s)",
            s.rounds.len(),
            s.ballots,
            s.decisions
        );
        for round in &s.rounds {
            let _ = writeln!(
                out,
                "  round {}  {}  {}  {} ballot(s)  root {}",
                round.number,
                match round.sitting {
                    Sitting::Congress => "大会 congress",
                    Sitting::Plenary => "全委会 plenary",
                    Sitting::AuditPlenary => "经审会 audit committee",
                    Sitting::WomenPlenary => "女职委 women's committee",
                },
                round.contests.join(", "),
                round.ballots,
                round.root.grouped()
            );
        }
        let _ = writeln!(out, "当选 Elected:");
        for body in &s.bodies {
            let names: Vec<String> = body
                .elected
                .iter()
                .map(|p| {
                    let written = if p.write_in { ", 另选 write-in" } else { "" };
                    format!("{} ({} for, round {}{written})", p.name, p.for_, p.round)
                })
                .collect();
            let _ = writeln!(
                out,
                "  {} ({}), {} seat(s): {}",
                body.title,
                body.contest,
                body.seats,
                if names.is_empty() {
                    "nobody yet".to_owned()
                } else {
                    names.join(", ")
                }
            );
        }
        match &self.result_hash {
            Some(hash) => {
                let _ = writeln!(out, "结果哈希 Result hash: {}", hash.grouped());
            }
            None if self.failure.is_none() => {
                let _ = writeln!(
                    out,
                    "结果哈希 Result hash: none yet, the record holds no publication"
                );
            }
            None => {}
        }
        if s.countersignatures.is_empty() {
            let _ = writeln!(out, "会签 Countersigned by: nobody");
        } else {
            let _ = writeln!(out, "会签 Countersigned by:");
            for c in &s.countersignatures {
                let _ = writeln!(
                    out,
                    "  {} (key {})",
                    c.inspector,
                    c.key_fingerprint.grouped()
                );
            }
        }
        out
    }
}

impl ReceiptReport {
    /// The receipt check for people.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "回执已收录 The receipt is included: round {}, ballot {} of {} (leaf index {}).",
            self.round,
            self.index + 1,
            self.tree_size,
            self.index
        );
        let _ = writeln!(out, "receipt    {}", self.receipt.grouped());
        let _ = writeln!(
            out,
            "tree head  size {}, root {} (signed by the election key)",
            self.tree_size,
            self.root.grouped()
        );
        let _ = writeln!(
            out,
            "inclusion proof (RFC 9162 §2.1.3, nearest the leaf first): {} hash(es)",
            self.proof.len()
        );
        for (i, hash) in self.proof.iter().enumerate() {
            let _ = writeln!(out, "  {:>2}  {hash}", i + 1);
        }
        out
    }
}
