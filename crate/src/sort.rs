//! Stable sorting that compiles once, whatever is sorted.
//!
//! The standard sort is generic over the element and the comparison, so every call site
//! compiles its own copy of the algorithm: several kilobytes of wasm each. These functions
//! sort positions through one comparison object instead, so every call site shares one
//! compiled sort, and then move the elements into that order. The cost is an indirect call
//! per comparison; the order is the one `slice::sort_by` gives (stable).

use std::cmp::Ordering;

/// Sorts `items` by `compare`, keeping equal items in their order.
pub fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    let mut order = {
        let items: &[T] = items;
        positions(items.len(), &|a, b| match (items.get(a), items.get(b)) {
            (Some(a), Some(b)) => compare(a, b),
            _ => Ordering::Equal,
        })
    };

    permute(items, &mut order);
}

/// Sorts `items` by the key `key` gives each, keeping equal keys in their order.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` in their own order.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// The positions `0..len` in the order `compare` gives them: the one generic sort.
fn positions(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Moves the item at `order[i]` to `i`, following each cycle of the permutation once;
/// `order` is used up (each visited position is marked).
fn permute<T>(items: &mut [T], order: &mut [usize]) {
    const VISITED: usize = usize::MAX;

    for start in 0..order.len() {
        let mut current = start;
        while let Some(slot) = order.get_mut(current) {
            let next = std::mem::replace(slot, VISITED);
            if next == start || next == VISITED || next >= items.len() {
                break;
            }
            items.swap(current, next);
            current = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_stable_sort() {
        // pairs sorted by their first half only, so stability shows in the second
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for len in [0, 1, 2, 3, 7, 20, 64, 257] {
            let mut items: Vec<(u8, usize)> = (0..len)
                .map(|i| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    ((seed % 5) as u8, i)
                })
                .collect();
            let mut expected = items.clone();
            expected.sort_by_key(|item| item.0);

            sort_by(&mut items, |a, b| a.0.cmp(&b.0));
            assert_eq!(items, expected, "{len} items");
        }
    }

    #[test]
    fn sorts_by_key_and_in_natural_order() {
        let mut words = vec!["pear", "fig", "apple", "kiwi", "date"];
        sort_by_key(&mut words, |w| w.len());
        assert_eq!(words, ["fig", "pear", "kiwi", "date", "apple"]);

        sort(&mut words);
        assert_eq!(words, ["apple", "date", "fig", "kiwi", "pear"]);

        let mut owned: Vec<String> = vec!["b".into(), "a".into(), "c".into()];
        sort(&mut owned);
        assert_eq!(owned, ["a", "b", "c"]);
    }
}
