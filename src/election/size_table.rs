//! How many seats a union committee has, by membership (2016 条例 Art. 8; RULES.md §6).
//!
//! The table is versioned because older rules differ; the version used is named in every result.

use serde::Serialize;

/// An inclusive range of committee seats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SeatRange {
    /// The fewest seats.
    pub min: u32,
    /// The most seats.
    pub max: u32,
}

impl SeatRange {
    /// Whether `seats` lies in the range.
    pub fn contains(&self, seats: u32) -> bool {
        (self.min..=self.max).contains(&seats)
    }
}

/// A committee-size table: rows of (largest membership, seat range), the last row open-ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SizeTable {
    /// Which rules the table comes from, as named in results.
    pub version: &'static str,
    rows: &'static [(u32, SeatRange)],
    beyond: SeatRange,
}

const fn seats(min: u32, max: u32) -> SeatRange {
    SeatRange { min, max }
}

impl SizeTable {
    /// 2016 条例 Art. 8. Under 25 members a single organiser (组织员) may also stand in for a
    /// committee; the range given is the one for a committee.
    pub const ACFTU_2016: SizeTable = SizeTable {
        version: "acftu-2016",
        rows: &[
            (24, seats(3, 5)),
            (200, seats(3, 7)),
            (1000, seats(7, 15)),
            (5000, seats(15, 21)),
            (10_000, seats(21, 29)),
            (50_000, seats(29, 37)),
        ],
        beyond: seats(37, 45),
    };

    /// The committee seats allowed for a union of `members` members.
    pub fn seats_for(&self, members: u32) -> SeatRange {
        self.rows
            .iter()
            .find(|(largest, _)| members <= *largest)
            .map_or(self.beyond, |(_, range)| *range)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_row_of_article_8_starts_and_ends_where_the_regulation_says() {
        let table = SizeTable::ACFTU_2016;
        let cases = [
            (1, (3, 5)),
            (24, (3, 5)),
            (25, (3, 7)),
            (200, (3, 7)),
            (201, (7, 15)),
            (1000, (7, 15)),
            (1001, (15, 21)),
            (5000, (15, 21)),
            (5001, (21, 29)),
            (10_000, (21, 29)),
            (10_001, (29, 37)),
            (50_000, (29, 37)),
            (50_001, (37, 45)),
            (u32::MAX, (37, 45)),
        ];
        for (members, (min, max)) in cases {
            assert_eq!(
                table.seats_for(members),
                seats(min, max),
                "{members} members"
            );
        }
    }
}
