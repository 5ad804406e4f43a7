//! Every CSV file the server writes goes through [`write`]: UTF-8 with a byte-order mark (so
//! that Excel reads the Chinese as Chinese), CRLF line endings and RFC 4180 quoting, and every
//! cell a spreadsheet could take for a formula neutralised, as OWASP advises against CSV
//! injection: a cell beginning with `=`, `+`, `-`, `@`, a tab or a carriage return is written
//! with a leading apostrophe, which Excel and LibreOffice show as text and do not run. A roster
//! value like `=HYPERLINK("http://…","点这里")` therefore reaches the organiser's spreadsheet
//! as the text it is.

use std::borrow::Cow;

use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};

use crate::election::roster::Gender;
use crate::store::congress::RosterEntry;

/// The cell as written: with a leading `'` when a spreadsheet would read it as a formula.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A CSV file of `header` and `rows`, every cell neutralised.
pub fn write(header: &[&str], rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        let records = std::iter::once(header.iter().map(|c| neutralise(c)).collect::<Vec<_>>())
            .chain(
                rows.iter()
                    .map(|row| row.iter().map(|c| neutralise(c)).collect()),
            );
        for record in records {
            // Writing to a Vec cannot fail but for memory, which aborts first.
            let _ = writer.write_record(record.iter().map(|c| c.as_bytes()));
        }
        let _ = writer.flush();
    }
    out
}

/// The roster as the server keeps it (names read as docs/record-format.md §1 says), with who is
/// checked in: the columns of an import, in Chinese, so that the file can be imported again,
/// and 到会 (present) after them, which an import ignores.
pub fn roster(entries: &[RosterEntry]) -> Vec<u8> {
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|entry| {
            let d = &entry.delegate;
            let yes_no = |b: bool| if b { "是" } else { "否" }.to_owned();
            let gender = match d.gender {
                Gender::Female => "女",
                Gender::Male => "男",
            };
            vec![
                d.number.to_string(),
                d.name.clone(),
                gender.to_owned(),
                d.unit.clone(),
                if d.voting { "是" } else { "保留会籍" }.to_owned(),
                yes_no(entry.present),
            ]
        })
        .collect();
    let mut header = ROSTER_COLUMNS.to_vec();
    header.push("到会");
    write(&header, &rows)
}

/// The columns a roster import expects, in its order and in Chinese.
pub const ROSTER_COLUMNS: [&str; 5] = ["代表编号", "姓名", "性别", "单位", "选举权"];

/// A roster to fill in: the header row an import expects and one example delegate, which the
/// organiser overwrites.
pub fn roster_template() -> Vec<u8> {
    let example = ["D001", "王芳", "女", "顺丰速运江城分部", "是"];
    write(
        &ROSTER_COLUMNS,
        &[example.iter().map(|c| (*c).to_owned()).collect()],
    )
}

/// A download of `bytes` as the CSV file `filename` (ASCII).
pub fn attachment(filename: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_a_spreadsheet_would_run_are_written_as_text() {
        for cell in [
            "=HYPERLINK(\"http://x\",\"y\")",
            "+1",
            "-2",
            "@SUM(A1:A9)",
            "\tx",
            "\rx",
        ] {
            assert_eq!(neutralise(cell), format!("'{cell}"));
        }
        for cell in ["王芳", "1+1", "a=b", "", "'quoted"] {
            assert_eq!(neutralise(cell), cell);
        }
    }

    #[test]
    fn the_template_is_a_roster_the_import_reads() {
        let template = roster_template();
        assert!(template.starts_with(b"\xEF\xBB\xBF"));
        let roster = crate::election::roster::Roster::parse_csv(&template).unwrap();
        assert_eq!(roster.delegates.len(), 1);
        assert_eq!(roster.delegates[0].name, "王芳");
        assert!(roster.ignored_columns.is_empty());
    }

    #[test]
    fn the_file_is_utf8_with_a_bom_crlf_and_quoted_where_needed() {
        let bytes = write(&["a", "b"], &[vec!["=1,2".into(), "王\"芳".into()]]);
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "\u{FEFF}a,b\r\n\"'=1,2\",\"王\"\"芳\"\r\n"
        );
    }
}
