//! The first place where two JSON values differ, said in words: where a recount departs from a
//! signed result, a rebuilt publication from the recorded one, or a record from its one spelling.

use serde_json::Value;

/// One step into a JSON value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Step {
    /// An object's member.
    Key(String),
    /// An array's element, from 0.
    Index(usize),
}

/// Where two values first differ, and what each holds there (`None`: nothing).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Difference<'a> {
    /// The steps from the top.
    pub path: Vec<Step>,
    /// What the value we computed holds there.
    pub ours: Option<&'a Value>,
    /// What the value we were given holds there.
    pub theirs: Option<&'a Value>,
}

/// The first difference between `ours` and `theirs`, visiting members in `ours`'s order and
/// then the members only `theirs` has; `None` when they are equal.
pub(crate) fn first_difference<'a>(ours: &'a Value, theirs: &'a Value) -> Option<Difference<'a>> {
    walk(ours, theirs, &mut Vec::new())
}

fn walk<'a>(ours: &'a Value, theirs: &'a Value, path: &mut Vec<Step>) -> Option<Difference<'a>> {
    let found = |path: &Vec<Step>, ours, theirs| {
        Some(Difference {
            path: path.clone(),
            ours,
            theirs,
        })
    };
    match (ours, theirs) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, x) in a {
                path.push(Step::Key(key.clone()));
                let difference = match b.get(key) {
                    None => found(path, Some(x), None),
                    Some(y) => walk(x, y, path),
                };
                if difference.is_some() {
                    return difference;
                }
                path.pop();
            }
            let (key, y) = b.iter().find(|(key, _)| !a.contains_key(*key))?;
            path.push(Step::Key(key.clone()));
            found(path, None, Some(y))
        }
        (Value::Array(a), Value::Array(b)) => {
            for i in 0..a.len().max(b.len()) {
                path.push(Step::Index(i));
                let difference = match (a.get(i), b.get(i)) {
                    (Some(x), Some(y)) => walk(x, y, path),
                    (x, y) => found(path, x, y),
                };
                if difference.is_some() {
                    return difference;
                }
                path.pop();
            }
            None
        }
        _ if ours == theirs => None,
        _ => found(path, Some(ours), Some(theirs)),
    }
}

/// A path as people write it: `contests[0].candidates[2].for`; `.` for the top.
pub(crate) fn path_text(path: &[Step]) -> String {
    let mut text = String::new();
    for step in path {
        match step {
            Step::Key(key) => {
                if !text.is_empty() {
                    text.push('.');
                }
                text.push_str(key);
            }
            Step::Index(i) => text.push_str(&format!("[{i}]")),
        }
    }
    if text.is_empty() {
        text.push('.');
    }
    text
}

/// A value in a message: compact JSON, cut short when long; `nothing` for a missing value.
pub(crate) fn short(value: Option<&Value>) -> String {
    const LONGEST: usize = 80;
    let Some(value) = value else {
        return "nothing".to_owned();
    };
    let text = value.to_string();
    if text.chars().count() <= LONGEST {
        return text;
    }
    let cut: String = text.chars().take(LONGEST).collect();
    format!("{cut}…")
}

/// A recount that differs from a result's tally, in words, naming the contest and the
/// candidate concerned.
pub(crate) fn tally_difference(
    difference: &Difference<'_>,
    recount: &Value,
    result: &Value,
) -> String {
    let ours = short(difference.ours);
    let theirs = short(difference.theirs);
    let [Step::Key(top), Step::Index(i), rest @ ..] = difference.path.as_slice() else {
        return format!(
            "{}: the recount gives {ours}, the result says {theirs}",
            path_text(&difference.path)
        );
    };
    if top != "contests" {
        return format!(
            "{}: the recount gives {ours}, the result says {theirs}",
            path_text(&difference.path)
        );
    }
    let contest = either(recount, result, |v| {
        v["contests"][*i]["id"].as_str().map(str::to_owned)
    })
    .map_or_else(
        || format!("contest {}", i + 1),
        |id| format!("contest \"{id}\""),
    );
    let said = match rest {
        [] => match (difference.ours, difference.theirs) {
            (Some(_), None) => "the recount counts it, the result leaves it out".to_owned(),
            _ => "the result counts it, but the round does not hold it".to_owned(),
        },
        [Step::Key(list), Step::Index(j), field @ ..] if list == "candidates" => {
            let person = either(recount, result, |v| {
                person(&v["contests"][*i]["candidates"][*j])
            })
            .unwrap_or_else(|| format!("candidate {}", j + 1));
            match field {
                [] => match (difference.ours, difference.theirs) {
                    (Some(_), None) => format!("the recount finds {person}, the result does not"),
                    (None, Some(_)) => format!("the result lists {person}, the recount does not"),
                    _ => format!("the recount gives {ours} for {person}, the result says {theirs}"),
                },
                [Step::Key(field)] if field == "for" => {
                    format!("the recount gives {ours} for {person}, the result says {theirs}")
                }
                [Step::Key(field)] if field == "against" => {
                    format!("the recount gives {ours} against {person}, the result says {theirs}")
                }
                [Step::Key(field)] if field == "abstain" => format!(
                    "the recount gives {ours} abstaining on {person}, the result says {theirs}"
                ),
                [Step::Key(field)] if field == "elected" => {
                    format!("the recount has {person} elected: {ours}, the result says {theirs}")
                }
                _ => format!(
                    "{person}: {}: the recount gives {ours}, the result says {theirs}",
                    path_text(field)
                ),
            }
        }
        [Step::Key(field)] => match words(field) {
            Some(words) => format!("the recount gives {ours} {words}, the result says {theirs}"),
            None => format!("the recount gives {field} {ours}, the result says {theirs}"),
        },
        _ => format!(
            "{}: the recount gives {ours}, the result says {theirs}",
            path_text(rest)
        ),
    };
    format!("{contest}: {said}")
}

/// A publication that differs from the one the verified rounds give, in words.
pub(crate) fn publication_difference(
    difference: &Difference<'_>,
    rebuilt: &Value,
    recorded: &Value,
) -> String {
    let ours = short(difference.ours);
    let theirs = short(difference.theirs);
    let place = match difference.path.as_slice() {
        [Step::Key(list), Step::Index(i), rest @ ..] if list == "bodies" => {
            let body = either(rebuilt, recorded, |v| {
                v["bodies"][*i]["contest"].as_str().map(str::to_owned)
            })
            .map_or_else(|| format!("body {}", i + 1), |id| format!("body \"{id}\""));
            match rest {
                [Step::Key(list), Step::Index(j), field @ ..] if list == "elected" => {
                    let person = either(rebuilt, recorded, |v| {
                        person(&v["bodies"][*i]["elected"][*j])
                    })
                    .unwrap_or_else(|| format!("person {}", j + 1));
                    if field.is_empty() {
                        format!("{body}: elected: {person}")
                    } else {
                        format!("{body}: {person}: {}", path_text(field))
                    }
                }
                [] => body,
                _ => format!("{body}: {}", path_text(rest)),
            }
        }
        [Step::Key(list), Step::Index(i), rest @ ..] if list == "rounds" => {
            let tail = if rest.is_empty() {
                String::new()
            } else {
                format!(": {}", path_text(rest))
            };
            format!("round entry {}{tail}", i + 1)
        }
        path => path_text(path),
    };
    format!("{place}: the verified rounds give {ours}, the publication says {theirs}")
}

/// How a person is named in a message: `王芳 (c01)`, or `赵六 (written in)`.
fn person(value: &Value) -> Option<String> {
    let name = value["name"].as_str()?;
    Some(match value["id"].as_str() {
        Some(id) => format!("{name} ({id})"),
        None => format!("{name} (written in)"),
    })
}

/// Reads a label from `first`, or else from `second`.
fn either(
    first: &Value,
    second: &Value,
    read: impl Fn(&Value) -> Option<String>,
) -> Option<String> {
    read(first).or_else(|| read(second))
}

/// A contest tally's field in words, placed after its value.
fn words(field: &str) -> Option<&'static str> {
    Some(match field {
        "issued" => "ballots issued (发出)",
        "returned" => "ballots returned (收回)",
        "valid" => "valid sections (有效)",
        "invalid" => "invalid sections (无效)",
        "entitled" => "entitled voters (应到)",
        "majority" => "as the majority",
        "threshold" => "as the threshold",
        "seats" => "seats",
        "open_seats" => "open seats",
        "status" => "as the status",
        "elected" => "as those elected",
        "tied" => "as those tied",
        "next" => "as the next step",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn equal_values_have_no_difference() {
        let value = json!({"a": [1, {"b": null}], "c": "x"});
        assert_eq!(first_difference(&value, &value.clone()), None);
    }

    #[test]
    fn the_first_difference_names_its_path_and_both_values() {
        let ours = json!({"contests": [{"id": "x", "candidates": [{"for": 3}, {"for": 4}]}]});
        let theirs = json!({"contests": [{"id": "x", "candidates": [{"for": 3}, {"for": 5}]}]});
        let difference = first_difference(&ours, &theirs).unwrap();
        assert_eq!(path_text(&difference.path), "contests[0].candidates[1].for");
        assert_eq!(difference.ours, Some(&json!(4)));
        assert_eq!(difference.theirs, Some(&json!(5)));
    }

    #[test]
    fn a_missing_member_or_element_is_a_difference_on_either_side() {
        let (one, none) = (json!({"a": 1}), json!({}));
        let difference = first_difference(&one, &none).unwrap();
        assert_eq!(
            (difference.ours, difference.theirs),
            (Some(&json!(1)), None)
        );
        let other = json!({"b": 2});
        let difference = first_difference(&none, &other).unwrap();
        assert_eq!(path_text(&difference.path), "b");
        let (short, long) = (json!([1]), json!([1, 2]));
        let difference = first_difference(&short, &long).unwrap();
        assert_eq!(path_text(&difference.path), "[1]");
        assert_eq!(difference.ours, None);
    }

    #[test]
    fn a_recount_that_differs_names_the_contest_and_the_candidate() {
        let recount = json!({"contests": [{"id": "committee", "returned": 18,
            "candidates": [{"id": "c01", "name": "王芳", "for": 41}]}]});
        let mut result = recount.clone();
        result["contests"][0]["candidates"][0]["for"] = json!(42);
        let difference = first_difference(&recount, &result).unwrap();
        assert_eq!(
            tally_difference(&difference, &recount, &result),
            "contest \"committee\": the recount gives 41 for 王芳 (c01), the result says 42"
        );
        let mut result = recount.clone();
        result["contests"][0]["returned"] = json!(17);
        let difference = first_difference(&recount, &result).unwrap();
        assert_eq!(
            tally_difference(&difference, &recount, &result),
            "contest \"committee\": the recount gives 18 ballots returned (收回), the result says 17"
        );
    }

    #[test]
    fn long_values_are_cut_short() {
        let long = json!("x".repeat(200));
        assert!(short(Some(&long)).ends_with('…'));
        assert_eq!(short(None), "nothing");
    }
}
