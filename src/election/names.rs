//! Names a person types and another person reads: how every name, title and write-in is read,
//! so that one name cannot pass for two people, nor an invisible one for a person
//! (docs/record-format.md §1 "Names and titles"; RULES.md §4 on write-ins).
//!
//! A name is read in this order, each step on what the one before left:
//!
//! 1. **refused** if it holds a control character (General_Category `Cc`) other than the white
//!    space ones (tab, line feed, vertical tab, form feed, carriage return, next line), or a
//!    bidirectional formatting character (`Bidi_Control`: U+061C, U+200E, U+200F,
//!    U+202A–U+202E, U+2066–U+2069), which can make a name read in another order than it is
//!    stored. This comes first because the bidirectional characters are also default
//!    ignorable: removed silently, an attack would go unnoticed;
//! 2. every `Default_Ignorable_Code_Point` is **removed** (zero-width space and joiners, word
//!    joiner, byte-order mark, soft hyphen, variation selectors…): they show nothing, so 赵六
//!    and 赵\u{200D}六 are one name;
//! 3. `White_Space` is **trimmed** at both ends (after the removal, so that an invisible
//!    character cannot shield a space from the trim);
//! 4. **refused** if white space other than a space separator (`Zs`) is left inside: a tab or a
//!    line break (U+0009–U+000D, U+0085, U+2028, U+2029), for a name is one line; and every
//!    run of space separators inside becomes one U+0020 SPACE, so that 王 芳, 王  芳 and
//!    王\u{3000}芳 are one name (as the kiosk always sent them);
//! 5. put in Unicode Normalization Form C, so that a character typed composed or decomposed is
//!    one character. NFC comes last because it can never bring back what the steps before
//!    took out, and the result is then in the form the rest of the system compares;
//! 6. **refused** when nothing is left (a lone zero-width space is not a person), or when it is
//!    longer than the field allows, in Unicode scalar values.
//!
//! The classes are those of the Unicode Character Database [`UNICODE_VERSION`], compiled in
//! (`names/tables.rs`, generated with `kiosk/shared/names-tables.js` from one source by
//! `scripts/names/generate.mjs`). Characters unassigned in that version are kept: a rare
//! character of a Chinese name added in a later version must not be refused.
//!
//! Names that look alike without being equal (a Cyrillic Х for a Latin X, a full-width letter)
//! are not refused, since both may be real names; [`resemblances`] finds them by their UTS #39
//! skeletons, for the tellers to see.

pub mod tables;

pub use tables::UNICODE_VERSION;

use unicode_normalization::UnicodeNormalization;
use unicode_script::{Script, UnicodeScript};

/// Why a typed name cannot be read as a name. Its message completes a sentence that names the
/// field ("the name …"), as the verifiers print it; [`NameError::advice`] says what to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    /// A control character (not white space) anywhere in it.
    #[error("holds the control character {}, which is invisible", code_point(*.0))]
    Control(char),
    /// A bidirectional formatting character anywhere in it.
    #[error(
        "holds the bidirectional formatting character {}, which can make it read in another order \
         than it is stored",
        code_point(*.0)
    )]
    Bidi(char),
    /// A tab or a line break inside it.
    #[error("holds a tab or a line break ({}) inside it", code_point(*.0))]
    LineBreak(char),
    /// Nothing left once invisible characters and surrounding white space are gone.
    #[error("is empty, or holds only invisible characters")]
    Empty,
    /// Longer than the field allows.
    #[error("is longer than {0} characters")]
    TooLong(usize),
}

impl NameError {
    /// The error's stable code, as the API sends it: `name_control`, `name_bidi`,
    /// `name_line_break`, `name_empty` or `name_too_long`.
    pub fn code(self) -> &'static str {
        match self {
            NameError::Control(_) => "name_control",
            NameError::Bidi(_) => "name_bidi",
            NameError::LineBreak(_) => "name_line_break",
            NameError::Empty => "name_empty",
            NameError::TooLong(_) => "name_too_long",
        }
    }

    /// What the person who typed the name should do.
    pub fn advice(self) -> &'static str {
        match self {
            NameError::Control(_) | NameError::Bidi(_) => "type it again without that character",
            NameError::LineBreak(_) => "a name is one line: type it again on one line",
            NameError::Empty => "type a name",
            NameError::TooLong(_) => "shorten it",
        }
    }
}

/// `U+XXXX`, as the Unicode Standard writes a code point.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

fn within(c: char, table: &[(u32, u32)]) -> bool {
    let c = u32::from(c);
    table
        .binary_search_by(|&(first, last)| {
            if last < c {
                std::cmp::Ordering::Less
            } else if first > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

fn is_white_space(c: char) -> bool {
    within(c, tables::WHITE_SPACE)
}

/// Reads a name, title or write-in as the module's documentation says; `max` is the most
/// characters (Unicode scalar values) it may have once read.
pub fn read(text: &str, max: usize) -> Result<String, NameError> {
    for c in text.chars() {
        if within(c, tables::CONTROL) && !is_white_space(c) {
            return Err(NameError::Control(c));
        }
        if within(c, tables::BIDI_CONTROL) {
            return Err(NameError::Bidi(c));
        }
    }
    let visible: String = text
        .chars()
        .filter(|&c| !within(c, tables::DEFAULT_IGNORABLE))
        .collect();
    let trimmed = visible.trim_matches(is_white_space);
    if let Some(c) = trimmed
        .chars()
        .find(|&c| is_white_space(c) && !within(c, tables::SPACE_SEPARATOR))
    {
        return Err(NameError::LineBreak(c));
    }
    let mut spaced = String::with_capacity(trimmed.len());
    for c in trimmed.chars() {
        if !within(c, tables::SPACE_SEPARATOR) {
            spaced.push(c);
        } else if !spaced.ends_with(' ') {
            spaced.push(' ');
        }
    }
    let name: String = spaced.nfc().collect();
    if name.is_empty() {
        return Err(NameError::Empty);
    }
    if name.chars().count() > max {
        return Err(NameError::TooLong(max));
    }
    Ok(name)
}

/// The UTS #39 skeleton of a name: two names with the same skeleton look alike
/// (`unicode-security`'s tables).
pub fn skeleton(name: &str) -> String {
    unicode_security::skeleton(name).collect()
}

/// A write-in that looks like another name of its contest without being it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct Resemblance {
    /// The write-in, as read.
    pub write_in: String,
    /// The scripts of its letters (such as `Cyrillic`), leaving out those shared by all scripts.
    pub write_in_scripts: Vec<&'static str>,
    /// The name it resembles.
    pub resembles: String,
    /// The scripts of that name's letters.
    pub resembles_scripts: Vec<&'static str>,
    /// Whether that name is a listed candidate's (else it is another write-in).
    pub candidate: bool,
}

fn scripts(name: &str) -> Vec<&'static str> {
    let mut found: Vec<&'static str> = Vec::new();
    for c in name.chars() {
        let script = c.script();
        if !matches!(script, Script::Common | Script::Inherited | Script::Unknown)
            && !found.contains(&script.full_name())
        {
            found.push(script.full_name());
        }
    }
    found
}

/// Every write-in of a contest that resembles (has the skeleton of) a listed candidate's name
/// or another write-in, without being equal to it: each write-in against the list in list
/// order, then against the write-ins after it. Names are compared as [`read`] leaves them.
pub fn resemblances(listed: &[&str], written: &[&str]) -> Vec<Resemblance> {
    let note = |write_in: &str, other: &str, candidate: bool| Resemblance {
        write_in: write_in.to_owned(),
        write_in_scripts: scripts(write_in),
        resembles: other.to_owned(),
        resembles_scripts: scripts(other),
        candidate,
    };
    let listed: Vec<(&str, String)> = listed.iter().map(|n| (*n, skeleton(n))).collect();
    let written: Vec<(&str, String)> = written.iter().map(|n| (*n, skeleton(n))).collect();
    let mut notes = Vec::new();
    for (i, (write_in, shape)) in written.iter().enumerate() {
        for (name, other) in &listed {
            if name != write_in && other == shape {
                notes.push(note(write_in, name, true));
            }
        }
        for (name, other) in &written[i + 1..] {
            if name != write_in && other == shape {
                notes.push(note(write_in, name, false));
            }
        }
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read64(text: &str) -> Result<String, NameError> {
        read(text, 64)
    }

    #[test]
    fn invisible_characters_do_not_make_another_person() {
        for spelling in [
            "赵六",
            "赵\u{200D}六",
            "赵六\u{200B}",
            "\u{2060}赵六",
            "\u{FEFF} 赵\u{AD}六 ",
        ] {
            assert_eq!(read64(spelling).as_deref(), Ok("赵六"), "{spelling:?}");
        }
    }

    #[test]
    fn a_lone_invisible_character_is_no_name() {
        for text in ["\u{200B}", " \u{200D}\u{3000}", "", "\u{FE0F}"] {
            assert_eq!(read64(text), Err(NameError::Empty), "{text:?}");
        }
    }

    #[test]
    fn control_and_bidirectional_characters_are_refused() {
        assert_eq!(read64("赵\u{0}六"), Err(NameError::Control('\u{0}')));
        assert_eq!(read64("赵六\u{7}"), Err(NameError::Control('\u{7}')));
        assert_eq!(read64("\u{9F}赵六"), Err(NameError::Control('\u{9F}')));
        assert_eq!(read64("赵\u{202E}六"), Err(NameError::Bidi('\u{202E}')));
        assert_eq!(read64("\u{200F}赵六"), Err(NameError::Bidi('\u{200F}')));
        assert_eq!(read64("赵\u{2066}六"), Err(NameError::Bidi('\u{2066}')));
        assert_eq!(read64("\u{61C}赵六"), Err(NameError::Bidi('\u{61C}')));
    }

    #[test]
    fn white_space_is_trimmed_at_the_ends_but_is_one_line_inside() {
        assert_eq!(read64("\t王芳\r\n").as_deref(), Ok("王芳"));
        assert_eq!(read64("\u{3000} 王芳 \u{85}").as_deref(), Ok("王芳"));
        assert_eq!(read64("Li Wei").as_deref(), Ok("Li Wei"));
        assert_eq!(read64("王\u{3000}芳").as_deref(), Ok("王 芳"));
        assert_eq!(read64("王 \u{200B} \u{A0}芳").as_deref(), Ok("王 芳"));
        assert_eq!(read64("王\n芳"), Err(NameError::LineBreak('\n')));
        assert_eq!(read64("王\t芳"), Err(NameError::LineBreak('\t')));
        assert_eq!(
            read64("王\u{2028}芳"),
            Err(NameError::LineBreak('\u{2028}'))
        );
        // A space shielded from the trim by an invisible character is trimmed all the same.
        assert_eq!(read64("\u{200B} 王芳 \u{200B}").as_deref(), Ok("王芳"));
    }

    #[test]
    fn names_are_composed_and_counted_in_characters() {
        assert_eq!(read64("Ame\u{301}lie").as_deref(), Ok("Am\u{e9}lie"));
        assert_eq!(
            read(&"王".repeat(64), 64).map(|n| n.chars().count()),
            Ok(64)
        );
        assert_eq!(read(&"王".repeat(65), 64), Err(NameError::TooLong(64)));
        // Invisible characters do not count.
        assert!(read(&format!("{}\u{200B}", "王".repeat(64)), 64).is_ok());
    }

    #[test]
    fn reading_a_name_twice_changes_nothing() {
        for text in [
            "赵\u{200D}六",
            " Ame\u{301}lie ",
            "\u{1100}\u{1161}",
            "Å",
            "\u{212B}",
        ] {
            let once = read64(text).unwrap();
            assert_eq!(read64(&once).as_deref(), Ok(once.as_str()));
        }
    }

    #[test]
    fn normalisation_brings_back_nothing_the_steps_before_removed() {
        // NFC of any character kept by steps 1–4 holds no character those steps take out, so
        // the order of the steps is sound for every character of the tables' version.
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
            let kept = !(within(c, tables::CONTROL)
                || within(c, tables::BIDI_CONTROL)
                || within(c, tables::DEFAULT_IGNORABLE)
                || is_white_space(c));
            if kept {
                let composed: String = std::iter::once(c).nfc().collect();
                assert!(
                    composed.chars().all(|d| !(within(d, tables::CONTROL)
                        || within(d, tables::BIDI_CONTROL)
                        || within(d, tables::DEFAULT_IGNORABLE)
                        || is_white_space(d))),
                    "{}",
                    code_point(c)
                );
            }
        }
    }

    #[test]
    fn the_ignorables_table_agrees_with_unicode_security() {
        // A second source: the crate's own table, generated from a later Unicode version.
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
            let ours = within(c, tables::DEFAULT_IGNORABLE);
            let theirs = unicode_security::skeleton(&c.to_string()).next().is_none();
            assert_eq!(ours, theirs, "{}", code_point(c));
        }
    }

    #[test]
    fn a_cyrillic_look_alike_resembles_the_latin_name() {
        let notes = resemblances(&["Xu Li", "王芳"], &["Хu Li"]);
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].resembles, "Xu Li");
        assert!(notes[0].candidate);
        assert_eq!(notes[0].write_in_scripts, ["Cyrillic", "Latin"]);
        assert_eq!(notes[0].resembles_scripts, ["Latin"]);
        // Two write-ins alike: noted once, the first against the second.
        let notes = resemblances(&[], &["ＡＢＣ", "ABC", "王芳"]);
        assert_eq!(notes.len(), 1);
        assert!(!notes[0].candidate);
        // A name equal to a listed one is that candidate, not a look-alike.
        assert!(resemblances(&["王芳"], &["王芳", "李强"]).is_empty());
    }
}
