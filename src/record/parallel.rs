//! Work on a long list spread over the machine's cores: a round of sealed ballots is read and
//! checked this way.

/// `f` of every core's share of `items` (a run of them, with the place of its first), one
/// result per share, in order.
pub fn shares<'a, T: Sync, U: Send>(
    items: &'a [T],
    f: impl Fn(usize, &'a [T]) -> U + Sync,
) -> Vec<U> {
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let share = items.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let runs: Vec<_> = items
            .chunks(share)
            .enumerate()
            .map(|(c, part)| {
                let f = &f;
                scope.spawn(move || f(c * share, part))
            })
            .collect();
        runs.into_iter()
            .map(|run| match run.join() {
                Ok(done) => done,
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    })
}

/// `f` of every item with its place in `items`, computed on every core, in order.
pub fn map<'a, T: Sync, U: Send>(items: &'a [T], f: impl Fn(usize, &'a T) -> U + Sync) -> Vec<U> {
    shares(items, |start, part| {
        (start..)
            .zip(part)
            .map(|(i, item)| f(i, item))
            .collect::<Vec<_>>()
    })
    .into_iter()
    .flatten()
    .collect()
}

#[cfg(test)]
mod tests {
    use super::{map, shares};

    #[test]
    fn every_item_is_mapped_once_in_order() {
        let items: Vec<u32> = (0..1001).collect();
        let mapped = map(&items, |i, &x| (i, x * 2));
        assert_eq!(mapped.len(), items.len());
        assert!(
            mapped
                .iter()
                .enumerate()
                .all(|(i, &(j, y))| i == j && y == 2 * i as u32)
        );
        assert!(map(&[] as &[u32], |_, &x| x).is_empty());
    }

    #[test]
    fn the_shares_cover_the_items_once_in_order() {
        let items: Vec<u32> = (0..1001).collect();
        let shares = shares(&items, |start, part| (start, part.to_vec()));
        let mut next = 0;
        for (start, part) in shares {
            assert_eq!(start, next);
            next += part.len();
        }
        assert_eq!(next, items.len());
    }
}
