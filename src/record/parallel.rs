//! Work on a long list spread over the machine's cores: a round of sealed ballots is read and
//! checked this way.

/// `f` of every item with its place in `items`, computed on every core, in order.
pub fn map<'a, T: Sync, U: Send>(items: &'a [T], f: impl Fn(usize, &'a T) -> U + Sync) -> Vec<U> {
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let chunk = items.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let runs: Vec<_> = items
            .chunks(chunk)
            .enumerate()
            .map(|(c, part)| {
                let f = &f;
                scope.spawn(move || {
                    part.iter()
                        .enumerate()
                        .map(|(i, item)| f(c * chunk + i, item))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        runs.into_iter()
            .flat_map(|run| match run.join() {
                Ok(done) => done,
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::map;

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
}
