//! The roster (代表名册): the delegates of a congress, imported from the CSV file an organiser
//! exports from Excel.
//!
//! The file is UTF-8 (with or without a byte-order mark) or GB18030, as Chinese Excel saves
//! "CSV (逗号分隔)". The first row names the columns, in Chinese or English and in any order;
//! other columns (序号, 备注, phone numbers…) are ignored and reported. Every bad row is
//! reported with its line number, and nothing is imported unless the whole file is good.
//! Members whose membership is only retained (保留会籍) are listed without a vote and are not
//! counted among those entitled (RULES.md §3).

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::contest::MAX_NAME_CHARS;
use super::names;

/// A delegate's number on the roster and on the delegate card: 1–32 letters, digits, `-`, `_`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DelegateNo(String);

impl DelegateNo {
    /// Parses a delegate number.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_');
        if text.is_empty() || text.len() > 32 || !text.chars().all(allowed) {
            return Err(format!(
                "delegate number \"{text}\" must be 1 to 32 letters, digits, '-' or '_'"
            ));
        }
        Ok(DelegateNo(text.to_owned()))
    }

    /// The number as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for DelegateNo {
    type Error = String;
    fn try_from(text: String) -> Result<Self, String> {
        DelegateNo::parse(&text)
    }
}

impl From<DelegateNo> for String {
    fn from(number: DelegateNo) -> String {
        number.0
    }
}

impl fmt::Display for DelegateNo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A delegate's gender, which decides the women's committee electorate (女职委条例 Art. 13).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    /// 女.
    Female,
    /// 男.
    Male,
}

/// One delegate on the roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delegate {
    /// 代表编号.
    pub number: DelegateNo,
    /// 姓名, read as [`names::read`] reads names.
    pub name: String,
    /// 性别.
    pub gender: Gender,
    /// 单位: the courier firm or depot the delegate works for.
    pub unit: String,
    /// Whether the delegate may vote (选举权); false for 保留会籍 and non-voting attendees.
    pub voting: bool,
}

/// The text encoding the file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Encoding {
    /// UTF-8 without a byte-order mark.
    Utf8,
    /// UTF-8 with a byte-order mark, as Excel's "CSV UTF-8" saves.
    Utf8Bom,
    /// GB18030 (a superset of GBK and GB2312), as Chinese Excel's plain "CSV" saves.
    Gb18030,
}

/// A roster read from a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Roster {
    /// The delegates in file order.
    pub delegates: Vec<Delegate>,
    /// The encoding the file was read in.
    pub encoding: Encoding,
    /// Header cells that name no known column, ignored.
    pub ignored_columns: Vec<String>,
}

/// One problem in a roster file: where, what (as a stable code with its parameters, for a page to
/// say in the reader's language) and the same in English, for logs and scripts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowError {
    /// The 1-based line in the file; the header is line 1.
    pub line: u64,
    /// What is wrong and how to fix it, in English.
    pub reason: String,
    /// What is wrong, as `code` and `params`.
    #[serde(flatten)]
    pub problem: RowProblem,
}

impl RowError {
    /// The problem `problem` on `line`, with its English reason.
    pub fn new(line: u64, problem: RowProblem) -> Self {
        RowError {
            line,
            reason: problem.to_string(),
            problem,
        }
    }
}

/// What is wrong with a roster file or one of its rows. Serialised as `{"code": "roster_…",
/// "params": {…}}`; a column is named by its API field name (`delegate_no`, `name`, `gender`,
/// `unit`, `voting_right`), a cell's text is `value`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "code", content = "params")]
pub enum RowProblem {
    /// The bytes are neither UTF-8 nor GB18030.
    #[serde(rename = "roster_encoding")]
    #[error(
        "the file is neither UTF-8 nor GB18030 text: save it from Excel as \"CSV UTF-8\" and try again"
    )]
    Encoding {},
    /// The file has no header row.
    #[serde(rename = "roster_file_empty")]
    #[error("the file is empty: it needs a header row and one row per delegate")]
    FileEmpty {},
    /// The header row cannot be read as CSV.
    #[serde(rename = "roster_header_unreadable")]
    #[error("the header row cannot be read: {detail}")]
    HeaderUnreadable {
        /// The CSV reader's words.
        detail: String,
    },
    /// A column is named twice in the header.
    #[serde(rename = "roster_column_twice")]
    #[error("column {} appears twice", label(.column))]
    ColumnTwice {
        /// The column.
        column: &'static str,
    },
    /// A column the roster needs is not in the header.
    #[serde(rename = "roster_column_missing")]
    #[error("the column {} is missing", label(.column))]
    ColumnMissing {
        /// The column.
        column: &'static str,
    },
    /// A row has another number of cells than the header.
    #[serde(rename = "roster_row_cells")]
    #[error(
        "this row has {cells} cells but the header has {expected}: check for a missing or extra comma"
    )]
    RowCells {
        /// Cells in the row.
        cells: u64,
        /// Cells in the header.
        expected: u64,
    },
    /// A row cannot be read as CSV.
    #[serde(rename = "roster_row_unreadable")]
    #[error("this row cannot be read: {detail}")]
    RowUnreadable {
        /// The CSV reader's words.
        detail: String,
    },
    /// The delegate number is not 1–32 letters, digits, `-` or `_`.
    #[serde(rename = "roster_number_invalid")]
    #[error("delegate number \"{value}\" must be 1 to 32 letters, digits, '-' or '_'")]
    NumberInvalid {
        /// The cell.
        value: String,
    },
    /// A name or unit that cannot be read as one (docs/record-format.md §1); `problem` is the
    /// name error's code (`name_empty`, `name_control`, …), `character` the offending one.
    #[serde(rename = "roster_name_invalid")]
    #[error("{} {}: {}", subject(.column), .error, .error.advice())]
    NameInvalid {
        /// `name` or `unit`.
        column: &'static str,
        /// The name error's code.
        problem: &'static str,
        /// The offending character as `U+XXXX`, when one is to blame.
        #[serde(skip_serializing_if = "Option::is_none")]
        character: Option<String>,
        /// The longest allowed, for `name_too_long`.
        #[serde(skip_serializing_if = "Option::is_none")]
        max: Option<usize>,
        /// The error, for the English reason.
        #[serde(skip)]
        error: names::NameError,
    },
    /// The gender is neither 男 nor 女.
    #[serde(rename = "roster_gender_invalid")]
    #[error("gender (性别) \"{value}\" must be 男 or 女")]
    GenderInvalid {
        /// The cell.
        value: String,
    },
    /// The voting right is none of 是, 否, 保留会籍.
    #[serde(rename = "roster_voting_invalid")]
    #[error("voting right (选举权) \"{value}\" must be 是 or 否 (or 保留会籍)")]
    VotingInvalid {
        /// The cell.
        value: String,
    },
    /// The delegate number is on an earlier line too.
    #[serde(rename = "roster_number_duplicate")]
    #[error("delegate number {number} is already used on line {first_line}")]
    NumberDuplicate {
        /// The number.
        number: String,
        /// The line that has it first.
        first_line: u64,
    },
    /// No delegate below the header.
    #[serde(rename = "roster_no_delegates")]
    #[error("the file lists no delegates below the header row")]
    NoDelegates {},
}

impl RowProblem {
    /// A name or unit's problem, `column` being `name` or `unit`.
    fn name(column: &'static str, error: names::NameError) -> Self {
        use names::NameError::*;
        let (problem, character, max) = match error {
            Control(c) => ("name_control", Some(c), None),
            Bidi(c) => ("name_bidi", Some(c), None),
            LineBreak(c) => ("name_line_break", Some(c), None),
            Empty => ("name_empty", None, None),
            TooLong(max) => ("name_too_long", None, Some(max)),
        };
        RowProblem::NameInvalid {
            column,
            problem,
            character: character.map(names::code_point),
            max,
            error,
        }
    }
}

fn label(column: &str) -> String {
    let chinese = match column {
        "delegate_no" => "代表编号",
        "name" => "姓名",
        "gender" => "性别",
        "unit" => "单位",
        _ => "选举权",
    };
    format!("{chinese} ({column})")
}

fn subject(column: &str) -> &'static str {
    if column == "unit" {
        "the unit (单位)"
    } else {
        "the name (姓名)"
    }
}

/// Every problem found in a roster file; never empty.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct RosterErrors(pub Vec<RowError>);

impl fmt::Display for RosterErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "line {}: {}", error.line, error.reason)?;
        }
        Ok(())
    }
}

/// The columns a roster needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Column {
    Number,
    Name,
    Gender,
    Unit,
    Voting,
}

impl Column {
    const ALL: [Column; 5] = [
        Column::Number,
        Column::Name,
        Column::Gender,
        Column::Unit,
        Column::Voting,
    ];

    /// Recognises a header cell, in Chinese or English.
    fn from_header(cell: &str) -> Option<Column> {
        let cell = cell.trim().to_lowercase().replace([' ', '_', '-', '.'], "");
        Some(match cell.as_str() {
            "代表编号" | "编号" | "代表证号" | "代表号" | "delegateno" | "delegatenumber"
            | "number" | "no" => Column::Number,
            "姓名" | "name" => Column::Name,
            "性别" | "gender" | "sex" => Column::Gender,
            "单位" | "工作单位" | "所在单位" | "unit" | "employer" => Column::Unit,
            "选举权" | "有无选举权" | "是否有选举权" | "表决权" | "votingright" | "voting"
            | "vote" => Column::Voting,
            _ => return None,
        })
    }

    /// The column's field name in the API and in a problem's parameters.
    fn field(self) -> &'static str {
        match self {
            Column::Number => "delegate_no",
            Column::Name => "name",
            Column::Gender => "gender",
            Column::Unit => "unit",
            Column::Voting => "voting_right",
        }
    }
}

impl Roster {
    /// Reads a roster file.
    pub fn parse_csv(bytes: &[u8]) -> Result<Roster, RosterErrors> {
        let fail = |line, problem| RosterErrors(vec![RowError::new(line, problem)]);
        let (text, encoding) = decode(bytes).ok_or_else(|| fail(1, RowProblem::Encoding {}))?;
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes());
        let mut records = reader.records();
        let header = match records.next() {
            Some(Ok(header)) => header,
            Some(Err(e)) => {
                return Err(fail(
                    1,
                    RowProblem::HeaderUnreadable {
                        detail: e.to_string(),
                    },
                ));
            }
            None => return Err(fail(1, RowProblem::FileEmpty {})),
        };
        let mut columns: BTreeMap<Column, usize> = BTreeMap::new();
        let mut ignored_columns = Vec::new();
        let mut errors = Vec::new();
        for (index, cell) in header.iter().enumerate() {
            match Column::from_header(cell) {
                Some(column) if columns.contains_key(&column) => errors.push(RowError::new(
                    1,
                    RowProblem::ColumnTwice {
                        column: column.field(),
                    },
                )),
                Some(column) => {
                    columns.insert(column, index);
                }
                None if cell.trim().is_empty() => {}
                None => ignored_columns.push(cell.trim().to_owned()),
            }
        }
        for column in Column::ALL.iter().filter(|c| !columns.contains_key(c)) {
            errors.push(RowError::new(
                1,
                RowProblem::ColumnMissing {
                    column: column.field(),
                },
            ));
        }
        if !errors.is_empty() {
            return Err(RosterErrors(errors));
        }

        let mut delegates = Vec::new();
        let mut first_line: BTreeMap<DelegateNo, u64> = BTreeMap::new();
        let mut lines = Lines::new(&text);
        for record in records {
            let record = match record {
                Ok(record) => record,
                Err(e) => {
                    let line = lines.at(e.position());
                    errors.push(RowError::new(line, row_shape_error(&e, header.len())));
                    continue;
                }
            };
            let line = lines.at(record.position());
            // Excel leaves rows of empty cells below the data.
            if record.iter().all(|cell| cell.trim().is_empty()) {
                continue;
            }
            let cell = |column: Column| record.get(columns[&column]).unwrap_or("");
            match read_delegate(cell) {
                Err(reasons) => errors.extend(
                    reasons
                        .into_iter()
                        .map(|reason| RowError::new(line, reason)),
                ),
                Ok(delegate) => {
                    if let Some(first) = first_line.get(&delegate.number) {
                        errors.push(RowError::new(
                            line,
                            RowProblem::NumberDuplicate {
                                number: delegate.number.to_string(),
                                first_line: *first,
                            },
                        ));
                    } else {
                        first_line.insert(delegate.number.clone(), line);
                        delegates.push(delegate);
                    }
                }
            }
        }
        if !errors.is_empty() {
            return Err(RosterErrors(errors));
        }
        if delegates.is_empty() {
            return Err(fail(2, RowProblem::NoDelegates {}));
        }
        Ok(Roster {
            delegates,
            encoding,
            ignored_columns,
        })
    }
}

/// Decodes the file: UTF-8 (dropping a byte-order mark) when it is valid UTF-8, else GB18030.
fn decode(bytes: &[u8]) -> Option<(String, Encoding)> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest)
            .ok()
            .map(|text| (text.to_owned(), Encoding::Utf8Bom));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Some((text.to_owned(), Encoding::Utf8));
    }
    encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|text| (text.into_owned(), Encoding::Gb18030))
}

fn row_shape_error(error: &csv::Error, expected: usize) -> RowProblem {
    match error.kind() {
        csv::ErrorKind::UnequalLengths { len, .. } => RowProblem::RowCells {
            cells: *len,
            expected: expected as u64,
        },
        _ => RowProblem::RowUnreadable {
            detail: error.to_string(),
        },
    }
}

/// Reads one row, collecting every problem in it.
fn read_delegate<'a>(cell: impl Fn(Column) -> &'a str) -> Result<Delegate, Vec<RowProblem>> {
    let mut reasons = Vec::new();
    let number = DelegateNo::parse(cell(Column::Number))
        .map_err(|_| {
            reasons.push(RowProblem::NumberInvalid {
                value: cell(Column::Number).trim().to_owned(),
            })
        })
        .ok();
    let name = names::read(cell(Column::Name), MAX_NAME_CHARS)
        .map_err(|e| reasons.push(RowProblem::name("name", e)))
        .unwrap_or_default();
    let gender = match cell(Column::Gender).trim().to_lowercase().as_str() {
        "女" | "f" | "female" => Some(Gender::Female),
        "男" | "m" | "male" => Some(Gender::Male),
        other => {
            reasons.push(RowProblem::GenderInvalid {
                value: other.to_owned(),
            });
            None
        }
    };
    let unit = read_unit(cell(Column::Unit)).unwrap_or_else(|e| {
        reasons.push(RowProblem::name("unit", e));
        String::new()
    });
    let voting = match cell(Column::Voting).trim().to_lowercase().as_str() {
        "是" | "有" | "yes" | "y" | "true" | "1" => Some(true),
        "否" | "无" | "no" | "n" | "false" | "0" | "保留会籍" => Some(false),
        other => {
            reasons.push(RowProblem::VotingInvalid {
                value: other.to_owned(),
            });
            None
        }
    };
    match (number, gender, voting) {
        (Some(number), Some(gender), Some(voting)) if reasons.is_empty() => Ok(Delegate {
            number,
            name,
            gender,
            unit,
            voting,
        }),
        _ => Err(reasons),
    }
}

/// The longest unit (单位) accepted, in characters.
pub const MAX_UNIT_CHARS: usize = 2 * MAX_NAME_CHARS;

/// Reads a delegate's unit as names are read (docs/record-format.md §1), except that it may be
/// left blank.
pub fn read_unit(text: &str) -> Result<String, names::NameError> {
    match names::read(text, MAX_UNIT_CHARS) {
        Err(names::NameError::Empty) => Ok(String::new()),
        read => read,
    }
}

/// Line numbers as an editor shows them, counted from the byte where a record starts: the csv
/// crate's own line count falls short with CRLF line endings, which Excel on Windows writes.
struct Lines<'a> {
    text: &'a [u8],
    byte: usize,
    line: u64,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Lines {
            text: text.as_bytes(),
            byte: 0,
            line: 1,
        }
    }

    /// The 1-based line of `position`; records come in order, so each byte is counted once.
    fn at(&mut self, position: Option<&csv::Position>) -> u64 {
        let Some(position) = position else { return 0 };
        let mut target =
            usize::try_from(position.byte()).map_or(self.text.len(), |b| b.min(self.text.len()));
        // A record's position may fall on the line ending before it; the record starts after.
        while self
            .text
            .get(target)
            .is_some_and(|b| matches!(b, b'\r' | b'\n'))
        {
            target += 1;
        }
        if target > self.byte {
            let newlines = self.text[self.byte..target]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            self.line += newlines as u64;
            self.byte = target;
        }
        self.line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "代表编号,姓名,性别,单位,选举权\n";

    fn parse(text: &str) -> Result<Roster, RosterErrors> {
        Roster::parse_csv(text.as_bytes())
    }

    #[test]
    fn a_utf8_roster_with_chinese_headers_is_read() {
        let roster = parse(&format!(
            "{HEADER}D001,王芳,女,顺丰速运江城分部,是\nD002, 李强 ,男,中通快递,否\n"
        ))
        .unwrap();
        assert_eq!(roster.encoding, Encoding::Utf8);
        assert_eq!(roster.delegates.len(), 2);
        assert_eq!(roster.delegates[1].name, "李强");
        assert_eq!(roster.delegates[0].gender, Gender::Female);
        assert!(!roster.delegates[1].voting);
    }

    #[test]
    fn a_byte_order_mark_is_dropped() {
        let roster =
            Roster::parse_csv(format!("\u{feff}{HEADER}D001,王芳,女,顺丰,是\n").as_bytes())
                .unwrap();
        assert_eq!(roster.encoding, Encoding::Utf8Bom);
        assert_eq!(roster.delegates[0].number.as_str(), "D001");
    }

    #[test]
    fn a_gb18030_file_from_chinese_excel_is_read() {
        let text =
            format!("{HEADER}D001,王芳,女,圆通速递,是\r\nD002,赵敏,女,极兔速递,保留会籍\r\n");
        let (bytes, _, unmappable) = encoding_rs::GB18030.encode(&text);
        assert!(!unmappable);
        assert!(
            std::str::from_utf8(&bytes).is_err(),
            "the test file must not be UTF-8"
        );
        let roster = Roster::parse_csv(&bytes).unwrap();
        assert_eq!(roster.encoding, Encoding::Gb18030);
        assert_eq!(roster.delegates[1].unit, "极兔速递");
        assert!(!roster.delegates[1].voting, "保留会籍 has no vote");
    }

    #[test]
    fn english_headers_in_any_order_and_extra_columns_are_accepted() {
        let roster = parse("No.,Name,Voting right,Gender,Unit,Phone\n1,Wang Fang,yes,F,\"SF Express, Jiangcheng\",139\n").unwrap();
        assert_eq!(roster.delegates[0].unit, "SF Express, Jiangcheng");
        assert_eq!(roster.ignored_columns, ["Phone"]);
    }

    #[test]
    fn line_numbers_are_the_same_with_windows_line_endings() {
        let text = format!(
            "{HEADER}D001,王芳,女,顺丰,是\nD002,,男,中通,是\n\"D003\",\"张\n伟\",男,韵达,是\nD004,,男,申通,是\n"
        );
        let lf: Vec<u64> = parse(&text).unwrap_err().0.iter().map(|e| e.line).collect();
        let crlf: Vec<u64> = parse(&text.replace('\n', "\r\n"))
            .unwrap_err()
            .0
            .iter()
            .map(|e| e.line)
            .collect();
        // Line 4 holds a name across two lines: a name is one line.
        assert_eq!(lf, [3, 4, 6]);
        assert_eq!(crlf, lf);
    }

    #[test]
    fn every_bad_row_is_reported_with_its_line_and_nothing_is_imported() {
        let text = format!(
            "{HEADER}D001,王芳,女,顺丰,是\nD002,,男,中通,是\nD003,张伟,未知,韵达,是\nD001,刘洋,男,申通,是\nD005,陈静,女,京东\nD006,杨磊,男,邮政,也许\n,,,,\n"
        );
        let errors = parse(&text).unwrap_err().0;
        let lines: Vec<(u64, &str)> = errors.iter().map(|e| (e.line, e.reason.as_str())).collect();
        assert_eq!(
            lines,
            [
                (
                    3,
                    "the name (姓名) is empty, or holds only invisible characters: type a name"
                ),
                (4, "gender (性别) \"未知\" must be 男 or 女"),
                (5, "delegate number D001 is already used on line 2"),
                (
                    6,
                    "this row has 4 cells but the header has 5: check for a missing or extra comma"
                ),
                (
                    7,
                    "voting right (选举权) \"也许\" must be 是 or 否 (or 保留会籍)"
                ),
            ]
        );
    }

    #[test]
    fn each_problem_carries_a_code_and_its_parameters_beside_the_english() {
        let text = format!(
            "{HEADER}D002,,男,中通,是\nD003,张伟,未知,韵达\u{202E},是\nD002,李强,男,申通,是\n"
        );
        let errors = serde_json::to_value(parse(&text).unwrap_err().0).unwrap();
        assert_eq!(
            errors,
            serde_json::json!([
                {"line": 2, "reason": "the name (姓名) is empty, or holds only invisible characters: type a name",
                 "code": "roster_name_invalid", "params": {"column": "name", "problem": "name_empty"}},
                {"line": 3, "reason": "gender (性别) \"未知\" must be 男 or 女",
                 "code": "roster_gender_invalid", "params": {"value": "未知"}},
                {"line": 3, "reason": errors[2]["reason"],
                 "code": "roster_name_invalid", "params": {"column": "unit", "problem": "name_bidi", "character": "U+202E"}},
            ])
        );
        let missing = serde_json::to_value(parse("姓名,性别\n王芳,女\n").unwrap_err().0).unwrap();
        assert_eq!(missing[0]["code"], "roster_column_missing");
        assert_eq!(
            missing[0]["params"],
            serde_json::json!({"column": "delegate_no"})
        );
        let empty = serde_json::to_value(parse(HEADER).unwrap_err().0).unwrap();
        assert_eq!(empty[0]["code"], "roster_no_delegates");
        assert_eq!(empty[0]["params"], serde_json::json!({}));
    }

    #[test]
    fn a_file_without_delegates_or_columns_is_refused() {
        assert_eq!(parse("").unwrap_err().0[0].line, 1);
        assert_eq!(
            parse(HEADER).unwrap_err().0[0].reason,
            "the file lists no delegates below the header row"
        );
        let missing = parse("姓名,性别\n王芳,女\n").unwrap_err();
        assert_eq!(missing.0.len(), 3);
        assert!(
            missing
                .to_string()
                .starts_with("line 1: the column 代表编号 (delegate_no) is missing")
        );
    }

    #[test]
    fn bytes_that_are_no_known_encoding_are_refused() {
        let error = Roster::parse_csv(b"\xff\xfe\x00\x81\x30").unwrap_err();
        assert!(
            error.0[0].reason.contains("neither UTF-8 nor GB18030"),
            "{error}"
        );
    }

    #[test]
    fn a_quoted_cell_may_span_lines_and_line_numbers_follow_the_file() {
        let text = format!("{HEADER}D001,王芳,女,\"顺丰\n江城分部\",是\nD002,,男,中通,是\n");
        let errors = parse(&text).unwrap_err().0;
        // A unit is one line too, like a name; the next row's line follows the file.
        assert_eq!(errors[0].line, 2);
        assert!(
            errors[0].reason.contains("line break"),
            "{}",
            errors[0].reason
        );
        assert_eq!(errors[1].line, 4);
    }

    #[test]
    fn control_bidirectional_and_invisible_names_are_refused_with_their_lines() {
        let text = format!(
            "{HEADER}D001,王\u{0}芳,女,顺丰,是\nD002,李强\u{7},男,中通,是\nD003,\u{202E}张伟,男,韵达,是\n\
             D004,\u{200B},男,申通,是\nD005,赵\u{200D}六,男,圆通\u{202C},是\nD006,赵\u{200B}六,男,圆通,是\n"
        );
        let errors = parse(&text).unwrap_err().0;
        let got: Vec<(u64, &str)> = errors.iter().map(|e| (e.line, e.reason.as_str())).collect();
        assert_eq!(got.len(), 5, "{got:?}");
        assert!(got[0].0 == 2 && got[0].1.contains("control character U+0000"));
        assert!(got[1].0 == 3 && got[1].1.contains("control character U+0007"));
        assert!(
            got[2].0 == 4
                && got[2]
                    .1
                    .contains("bidirectional formatting character U+202E")
        );
        assert!(got[3].0 == 5 && got[3].1.contains("only invisible characters"));
        assert!(
            got[4].0 == 6
                && got[4]
                    .1
                    .starts_with("the unit (单位) holds the bidirectional")
        );
        let fine = parse(&format!("{HEADER}D006,赵\u{200B}六,男,圆通,是\n")).unwrap();
        assert_eq!(fine.delegates[0].name, "赵六");
    }
}
