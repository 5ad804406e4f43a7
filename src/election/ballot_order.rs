//! The order of candidates on the ballot: by strokes (按姓氏笔画为序 or 按姓名笔画为序,
//! RULES.md §2), as 人大, 政协, 党代会 and union congresses order their lists.
//!
//! Two names are compared character by character; two characters are compared by
//!
//! 1. their stroke counts, fewer first, by the standard modern counts of
//!    《现代汉语通用字笔顺规范》 (陈 and 陆 have 7 strokes, 郑 8: 阝 is two strokes);
//! 2. for equal counts, their stroke sequences stroke by stroke, in the order 横 一, 竖 丨,
//!    撇 丿, 点 丶, 折 乛 (提 counts as 横, 竖钩 as 竖, 捺 as 点, every other turning stroke as
//!    折): 王 (一一丨一) before 文 (丶一丿丶), 林 before 欧, 于 before 万;
//! 3. for the same count and sequence, their structure: 左右, then 上下, then 整体, then
//!    characters whose structure the data does not know (叭 before 只);
//! 4. last, the code point, so that the order is total and never depends on the input's order.
//!
//! Under the profile's [`BallotOrder::SurnameStrokes`] (按姓氏笔画, the default) a name of two
//! characters has a blank between surname and given name, and the blank comes before every
//! character: 田富 (田 _ 富) before 田大利. Under [`BallotOrder::NameStrokes`] (按姓名笔画) there is
//! no blank: 田大利 before 田富. Compound surnames are not special either way: 欧阳 is 欧
//! followed by 阳. A name that is a prefix of another comes first.
//!
//! The data (`data/strokes.tsv`, described in `data/README.md`) gives, for each character, the
//! count, the sequence as digits 1–5 and the structure. It covers the 8,105 characters of
//! 《通用规范汉字表》 and common traditional forms; for some rare characters of the table's third
//! level it knows only the count, and such a character comes after every character of the same
//! count whose sequence is known. A character the data does not know at all (a rare character
//! outside the table, a Latin letter, a middle dot) comes after every known character, and such
//! characters among themselves by code point.

use std::cmp::Ordering;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

pub use super::profile::BallotOrder;

/// The stroke data, one line a character: character, count, sequence (or `-`), structure (`l`
/// 左右, `t` 上下, `w` 整体, or `-`), tab-separated, in code-point order. The pages get the same
/// text (`kiosk/shared/ballot-order.js`).
pub const DATA: &str = include_str!("../../data/strokes.tsv");

/// What the data says about one character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Strokes {
    count: u8,
    /// The stroke classes as ASCII digits `1`–`5`; empty when the data knows only the count.
    sequence: &'static str,
    /// 0 左右, 1 上下, 2 整体, 3 not known.
    structure: u8,
}

/// The data, parsed once. A line that does not parse is left out rather than failing the
/// program; the test `the_stroke_data_parses_whole_and_covers_the_general_table` keeps that
/// from happening to the data compiled in.
static TABLE: LazyLock<Vec<(char, Strokes)>> = LazyLock::new(|| {
    let mut table: Vec<(char, Strokes)> = DATA.lines().filter_map(parse_line).collect();
    table.sort_by_key(|(c, _)| *c);
    table.dedup_by_key(|(c, _)| *c);
    table
});

fn parse_line(line: &'static str) -> Option<(char, Strokes)> {
    let mut fields = line.split('\t');
    let mut chars = fields.next()?.chars();
    let character = chars.next()?;
    if chars.next().is_some() {
        return None;
    }
    let count: u8 = fields.next()?.parse().ok()?;
    let sequence = match fields.next()? {
        "-" => "",
        s if s.len() == usize::from(count) && s.bytes().all(|b| (b'1'..=b'5').contains(&b)) => s,
        _ => return None,
    };
    let structure = match fields.next()? {
        "l" => 0,
        "t" => 1,
        "w" => 2,
        "-" => 3,
        _ => return None,
    };
    if count == 0 || fields.next().is_some() {
        return None;
    }
    Some((
        character,
        Strokes {
            count,
            sequence,
            structure,
        },
    ))
}

fn strokes(c: char) -> Option<Strokes> {
    let table = &*TABLE;
    table
        .binary_search_by_key(&c, |(k, _)| *k)
        .ok()
        .and_then(|i| table.get(i))
        .map(|(_, s)| *s)
}

/// The stroke count of `c` by the standard modern counts, when the data knows it.
pub fn stroke_count(c: char) -> Option<u32> {
    strokes(c).map(|s| u32::from(s.count))
}

/// The stroke classes of `c` (1 横, 2 竖, 3 撇, 4 点, 5 折), when the data knows them.
pub fn stroke_sequence(c: char) -> Option<Vec<u8>> {
    strokes(c)
        .filter(|s| !s.sequence.is_empty())
        .map(|s| s.sequence.bytes().map(|b| b - b'0').collect())
}

/// Compares two characters by the rules of the module documentation.
pub fn compare_chars(a: char, b: char) -> Ordering {
    if a == b {
        return Ordering::Equal;
    }
    match (strokes(a), strokes(b)) {
        (Some(x), Some(y)) => x
            .count
            .cmp(&y.count)
            // A known sequence before an unknown one, then stroke by stroke: the digits are
            // ASCII and of equal length here, so byte order is stroke order.
            .then_with(|| x.sequence.is_empty().cmp(&y.sequence.is_empty()))
            .then_with(|| x.sequence.cmp(y.sequence))
            .then_with(|| x.structure.cmp(&y.structure))
            .then_with(|| a.cmp(&b)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => a.cmp(&b),
    }
}

/// One place of a name as it is compared: the blank of a two-character name, or a character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Blank,
    Char(char),
}

fn slots(name: &str, method: BallotOrder) -> impl Iterator<Item = Slot> + '_ {
    let blank = method == BallotOrder::SurnameStrokes && name.chars().count() == 2;
    let mut chars = name.chars().map(Slot::Char);
    let first = chars.next();
    first
        .into_iter()
        .chain(blank.then_some(Slot::Blank))
        .chain(chars)
}

fn compare_slots(a: Slot, b: Slot) -> Ordering {
    match (a, b) {
        (Slot::Blank, Slot::Blank) => Ordering::Equal,
        (Slot::Blank, Slot::Char(_)) => Ordering::Less,
        (Slot::Char(_), Slot::Blank) => Ordering::Greater,
        (Slot::Char(x), Slot::Char(y)) => compare_chars(x, y),
    }
}

/// Compares two names in ballot order under `method`.
pub fn compare(a: &str, b: &str, method: BallotOrder) -> Ordering {
    let (mut a, mut b) = (slots(a, method), slots(b, method));
    loop {
        match (a.next(), b.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) => match compare_slots(x, y) {
                Ordering::Equal => {}
                unequal => return unequal,
            },
        }
    }
}

/// Sorts `items` by the name `name` gives each, in ballot order under `method`; items with the
/// same name keep their order.
pub fn sort<T>(items: &mut [T], method: BallotOrder, name: impl Fn(&T) -> &str) {
    items.sort_by(|a, b| compare(name(a), name(b), method));
}

/// The first place (counting from 0) where `names` are out of ballot order under `method`: the
/// name there should stand before the one above it. `None` when they are in order.
pub fn first_out_of_order<S: AsRef<str>>(names: &[S], method: BallotOrder) -> Option<usize> {
    names
        .windows(2)
        .position(|w| compare(w[0].as_ref(), w[1].as_ref(), method) == Ordering::Greater)
        .map(|i| i + 1)
}

/// Orders a list of names given one a line (as `ballotbox ballot-order` reads it): each line
/// read as names are read ([`super::names::read`]), blank lines left out, the rest in ballot
/// order under `method`. A line that is no name is refused with its 1-based number.
pub fn order_lines(
    text: &str,
    method: BallotOrder,
) -> Result<Vec<String>, (usize, super::names::NameError)> {
    let mut names = Vec::new();
    for (i, line) in text.lines().enumerate() {
        match super::names::read(line, usize::MAX) {
            Ok(name) => names.push(name),
            Err(super::names::NameError::Empty) => {}
            Err(error) => return Err((i + 1, error)),
        }
    }
    sort(&mut names, method, String::as_str);
    Ok(names)
}

/// How a contest's candidates are ordered on the ballot (RULES.md §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CandidateOrder {
    /// By strokes, under the profile's `ballot_order`.
    #[default]
    Strokes,
    /// As the organiser listed them: the order was fixed by hand (the higher union's vetted
    /// list).
    AsListed,
}

impl CandidateOrder {
    /// The name used in the API, the manifest and the store.
    pub fn as_str(self) -> &'static str {
        match self {
            CandidateOrder::Strokes => "strokes",
            CandidateOrder::AsListed => "as_listed",
        }
    }

    /// Reads [`CandidateOrder::as_str`]'s names.
    pub fn parse(text: &str) -> Option<CandidateOrder> {
        match text {
            "strokes" => Some(CandidateOrder::Strokes),
            "as_listed" => Some(CandidateOrder::AsListed),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SURNAME: BallotOrder = BallotOrder::SurnameStrokes;
    const NAME: BallotOrder = BallotOrder::NameStrokes;

    fn sorted(names: &[&'static str], method: BallotOrder) -> Vec<&'static str> {
        let mut names = names.to_vec();
        sort(&mut names, method, |n| n);
        names
    }

    #[test]
    fn the_stroke_data_parses_whole_and_covers_the_general_table() {
        let lines = DATA.lines().count();
        assert_eq!(TABLE.len(), lines, "every line of data/strokes.tsv parses");
        assert!(TABLE.len() >= 8105);
        assert!(TABLE.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn the_counts_are_the_standard_modern_ones_with_two_strokes_for_阝() {
        for (c, n) in [
            ('陈', 7),
            ('陆', 7),
            ('郑', 8),
            ('阳', 6),
            ('邓', 4),
            ('王', 4),
            ('丁', 2),
        ] {
            assert_eq!(stroke_count(c), Some(n), "{c}");
        }
        assert_eq!(stroke_sequence('陈'), Some(vec![5, 2, 1, 5, 2, 3, 4]));
        assert_eq!(stroke_sequence('王'), Some(vec![1, 1, 2, 1]));
    }

    #[test]
    fn common_traditional_forms_have_their_strokes_too() {
        // 陳 10 (阝 two strokes, 東 eight), 門 beginning with 丨.
        assert_eq!(stroke_count('陳'), Some(10));
        assert_eq!(stroke_sequence('門'), Some(vec![2, 5, 1, 1, 2, 5, 1, 1]));
        assert_eq!(
            sorted(&["關羽", "張飛", "劉備", "陳宮"], SURNAME),
            ["陳宮", "張飛", "劉備", "關羽"]
        );
    }

    #[test]
    fn surnames_are_ordered_by_their_strokes() {
        // 丁 2, 王 4, 刘 6, 李 7, 赵 9, 徐 10, 黄 11, 蔡 14.
        assert_eq!(
            sorted(
                &[
                    "蔡文", "赵敏", "王芳", "徐静", "丁一", "黄涛", "李强", "刘洋"
                ],
                SURNAME
            ),
            [
                "丁一", "王芳", "刘洋", "李强", "赵敏", "徐静", "黄涛", "蔡文"
            ]
        );
    }

    #[test]
    fn stroke_order_is_not_code_point_order() {
        let names = ["王芳", "丁一", "刘洋"];
        let mut by_code_point = names.to_vec();
        by_code_point.sort();
        assert_eq!(by_code_point, ["丁一", "刘洋", "王芳"]);
        assert_eq!(sorted(&names, SURNAME), ["丁一", "王芳", "刘洋"]);
    }

    #[test]
    fn 王_comes_before_文_because_横_comes_before_点() {
        assert_eq!(sorted(&["文明", "王明"], SURNAME), ["王明", "文明"]);
    }

    #[test]
    fn 林_comes_before_欧_because_its_second_stroke_竖_comes_before_撇() {
        assert_eq!(sorted(&["欧亮", "林亮"], SURNAME), ["林亮", "欧亮"]);
    }

    #[test]
    fn 于_comes_before_万_and_李_and_杨_before_宋() {
        assert_eq!(sorted(&["万里", "于里"], SURNAME), ["于里", "万里"]);
        assert_eq!(
            sorted(&["宋江", "杨江", "李江"], SURNAME),
            ["李江", "杨江", "宋江"]
        );
    }

    #[test]
    fn 陈_陆_and_郑_stand_among_the_names_of_their_standard_counts() {
        // 陈 7 and 陆 7 stand with 李 7 and before 林 8; 郑 8 before 赵 9.
        assert_eq!(
            sorted(&["赵一", "郑一", "林一", "陆一", "陈一", "李一"], SURNAME),
            ["李一", "陆一", "陈一", "林一", "郑一", "赵一"]
        );
    }

    #[test]
    fn under_surname_strokes_a_one_character_given_name_counts_as_a_blank() {
        assert_eq!(sorted(&["田大利", "田富"], SURNAME), ["田富", "田大利"]);
    }

    #[test]
    fn under_name_strokes_there_is_no_blank() {
        assert_eq!(sorted(&["田富", "田大利"], NAME), ["田大利", "田富"]);
    }

    #[test]
    fn a_compound_surname_is_not_special() {
        // 欧 8 before 洪 9, whatever follows.
        for method in [SURNAME, NAME] {
            assert_eq!(sorted(&["洪一", "欧阳明"], method), ["欧阳明", "洪一"]);
        }
        // 欧阳明 is 欧, 阳, 明 and 欧文 is 欧 and 文: 阳 6 after 文 4 under name strokes, and
        // after the blank under surname strokes.
        assert_eq!(sorted(&["欧阳明", "欧文"], NAME), ["欧文", "欧阳明"]);
        assert_eq!(sorted(&["欧阳明", "欧文"], SURNAME), ["欧文", "欧阳明"]);
    }

    #[test]
    fn the_same_surname_is_ordered_by_the_given_name() {
        assert_eq!(sorted(&["王芳", "王一"], SURNAME), ["王一", "王芳"]);
        assert_eq!(sorted(&["王大芳", "王一芳"], SURNAME), ["王一芳", "王大芳"]);
    }

    #[test]
    fn the_same_count_and_sequence_are_ordered_by_structure() {
        // 叭 and 只 are both 丨乛一丿丶: 叭 is 左右, 只 上下.
        assert_eq!(stroke_sequence('叭'), stroke_sequence('只'));
        assert_eq!(compare_chars('叭', '只'), Ordering::Less);
    }

    #[test]
    fn a_character_known_only_by_its_count_comes_after_those_of_its_count_with_a_sequence() {
        // 丏 has 4 strokes and no sequence in the data: after 风 (4), before 田 (5).
        assert_eq!(stroke_count('丏'), Some(4));
        assert_eq!(stroke_sequence('丏'), None);
        assert_eq!(
            sorted(&["田一", "丏一", "风一"], NAME),
            ["风一", "丏一", "田一"]
        );
    }

    #[test]
    fn a_name_that_is_a_prefix_of_another_comes_first() {
        assert_eq!(sorted(&["王小明", "王小"], NAME), ["王小", "王小明"]);
    }

    #[test]
    fn characters_the_data_does_not_know_come_after_the_known_by_code_point() {
        assert_eq!(stroke_count('A'), None);
        assert_eq!(
            sorted(&["Bob", "𠀀一", "Anna", "丁一"], NAME),
            ["丁一", "Anna", "Bob", "𠀀一"]
        );
        assert_eq!(compare("", "丁", NAME), Ordering::Less);
    }

    #[test]
    fn equal_names_keep_their_order() {
        let mut people = vec![("王芳", 1), ("李强", 2), ("王芳", 3)];
        sort(&mut people, SURNAME, |p| p.0);
        assert_eq!(people, [("王芳", 1), ("王芳", 3), ("李强", 2)]);
    }

    #[test]
    fn an_unsorted_list_is_found_out_where_it_breaks() {
        assert_eq!(first_out_of_order(&["丁一", "王芳", "刘洋"], SURNAME), None);
        assert_eq!(
            first_out_of_order(&["丁一", "刘洋", "王芳"], SURNAME),
            Some(2)
        );
        assert_eq!(first_out_of_order(&["田大利", "田富"], SURNAME), Some(1));
        assert_eq!(first_out_of_order(&["田大利", "田富"], NAME), None);
    }

    #[test]
    fn a_list_given_one_name_a_line_is_trimmed_and_ordered() {
        assert_eq!(
            order_lines("  王明\r\n\n文明\n丁一 \n", SURNAME).unwrap(),
            ["丁一", "王明", "文明"]
        );
    }

    #[test]
    fn the_candidate_order_names_round_trip() {
        for order in [CandidateOrder::Strokes, CandidateOrder::AsListed] {
            assert_eq!(CandidateOrder::parse(order.as_str()), Some(order));
        }
        assert_eq!(CandidateOrder::parse("by_hand"), None);
    }
}
