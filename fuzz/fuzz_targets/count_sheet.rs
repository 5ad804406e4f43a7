//! Feeds arbitrary text to the count-sheet parser and counts whatever parses: nothing may panic,
//! and no result may elect more than the seats or anyone below the threshold.
#![no_main]

use ballotbox::election::CountSheet;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(sheet) = CountSheet::parse(text) else { return };
    let tally = sheet.tally();
    for contest in &tally.contests {
        assert!(contest.elected.len() <= contest.seats as usize);
        for candidate in contest.candidates.iter().filter(|c| c.elected) {
            assert!(candidate.for_ >= contest.threshold);
        }
    }
    assert!(serde_json::to_string(&tally).is_ok());
    let _ = ballotbox::report::text(&tally);
});
