//! The order of candidates on the ballot: by the strokes of the surname (按姓氏笔画为序,
//! RULES.md §2), as ICU's Chinese stroke collation (`zh-u-co-stroke`) orders names.
//!
//! Code-point order is not stroke order (王, 4 strokes, is U+738B; 丁, 2 strokes, is U+4E01, but
//! 刘, 6 strokes, is U+5218), so names are compared by the collator. ICU's stroke data follows
//! the Unicode Unihan counts, which count the radical 阝 as three strokes: 陈 and 陆 sort among
//! the eight-stroke names. A ballot says it is in stroke order, and this is the order it means.

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use icu_locale_core::locale;

/// Why the stroke collator could not be made.
#[derive(Debug, thiserror::Error)]
#[error("the Chinese stroke collation data is not available: {0}")]
pub struct BallotOrderError(String);

/// Orders names by surname strokes.
pub struct BallotOrder {
    collator: CollatorBorrowed<'static>,
}

impl BallotOrder {
    /// Makes the collator from the data compiled into the binary.
    pub fn new() -> Result<Self, BallotOrderError> {
        let collator =
            Collator::try_new(locale!("zh-u-co-stroke").into(), CollatorOptions::default())
                .map_err(|e| BallotOrderError(e.to_string()))?;
        Ok(BallotOrder { collator })
    }

    /// Sorts `items` by the name `name` gives each, in stroke order; equal names keep their
    /// order.
    pub fn sort<T>(&self, items: &mut [T], name: impl Fn(&T) -> &str) {
        items.sort_by(|a, b| self.collator.compare(name(a), name(b)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(names: &[&'static str]) -> Vec<&'static str> {
        let mut names = names.to_vec();
        BallotOrder::new().unwrap().sort(&mut names, |n| n);
        names
    }

    #[test]
    fn surnames_are_ordered_by_their_strokes() {
        // 丁 2, 王 4, 刘 6, 李 7, 赵 9, 徐 10, 黄 11, 蔡 14.
        assert_eq!(
            sorted(&[
                "蔡文", "赵敏", "王芳", "徐静", "丁一", "黄涛", "李强", "刘洋"
            ]),
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
        assert_eq!(sorted(&names), ["丁一", "王芳", "刘洋"]);
    }

    #[test]
    fn the_same_surname_is_ordered_by_the_given_name() {
        // 王 then 一 (1 stroke) before 王 then 芳 (7 strokes).
        assert_eq!(sorted(&["王芳", "王一"]), ["王一", "王芳"]);
    }

    #[test]
    fn equal_names_keep_their_order() {
        let mut people = vec![("王芳", 1), ("李强", 2), ("王芳", 3)];
        BallotOrder::new().unwrap().sort(&mut people, |p| p.0);
        assert_eq!(people, [("王芳", 1), ("王芳", 3), ("李强", 2)]);
    }
}
