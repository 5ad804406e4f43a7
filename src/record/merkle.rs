//! The ballot log as a Merkle tree hashed exactly as RFC 9162 §2.1 (Certificate Transparency
//! v2): a leaf is `SHA-256(0x00 || data)`, an interior node `SHA-256(0x01 || left || right)`,
//! and a tree of n > 1 leaves splits at the largest power of two smaller than n.
//!
//! A receipt is a ballot's leaf hash; [`inclusion_proof`] and [`verify_inclusion`] let a
//! delegate check that the receipt is in a published tree without seeing any other ballot.

use super::hash::{Digest, sha256};

/// `SHA-256(0x00 || data)` (RFC 9162 §2.1.1).
pub fn leaf_hash(data: &[u8]) -> Digest {
    sha256(&[&[0x00], data])
}

/// `SHA-256(0x01 || left || right)` (RFC 9162 §2.1.1).
pub fn node_hash(left: &Digest, right: &Digest) -> Digest {
    sha256(&[&[0x01], &left.0, &right.0])
}

/// The largest power of two strictly smaller than `n`, for n ≥ 2.
fn split(n: usize) -> usize {
    debug_assert!(n >= 2);
    1 << (usize::BITS - 1 - (n - 1).leading_zeros())
}

/// The root (Merkle tree hash) over leaf hashes; the empty tree's root is SHA-256 of nothing.
pub fn root(leaves: &[Digest]) -> Digest {
    match leaves {
        [] => sha256(&[]),
        [leaf] => *leaf,
        _ => {
            let k = split(leaves.len());
            node_hash(&root(&leaves[..k]), &root(&leaves[k..]))
        }
    }
}

/// The inclusion proof (audit path) of leaf `index` in the tree of `leaves`, nearest the leaf
/// first (RFC 9162 §2.1.3.1); `None` when `index` is outside the tree.
pub fn inclusion_proof(index: usize, leaves: &[Digest]) -> Option<Vec<Digest>> {
    if index >= leaves.len() {
        return None;
    }
    let (mut index, mut leaves) = (index, leaves);
    // Walk down from the root, remembering the sibling subtree at each level.
    let mut siblings = Vec::new();
    while leaves.len() > 1 {
        let k = split(leaves.len());
        if index < k {
            siblings.push(root(&leaves[k..]));
            leaves = &leaves[..k];
        } else {
            siblings.push(root(&leaves[..k]));
            leaves = &leaves[k..];
            index -= k;
        }
    }
    siblings.reverse();
    Some(siblings)
}

/// Whether `proof` shows `leaf` at `index` in the tree of `size` leaves with `root`
/// (the verification algorithm of RFC 9162 §2.1.3.2). The proof does not by itself fix the
/// size: trees of different sizes can share a leaf's path, which is why size and root are
/// signed together in a tree head.
pub fn verify_inclusion(
    index: u64,
    size: u64,
    leaf: &Digest,
    proof: &[Digest],
    root: &Digest,
) -> bool {
    if index >= size {
        return false;
    }
    let (mut f, mut s) = (index, size - 1);
    let mut r = *leaf;
    for p in proof {
        if s == 0 {
            return false;
        }
        if f & 1 == 1 || f == s {
            r = node_hash(p, &r);
            while f & 1 == 0 && f != 0 {
                f >>= 1;
                s >>= 1;
            }
        } else {
            r = node_hash(&r, p);
        }
        f >>= 1;
        s >>= 1;
    }
    s == 0 && r == *root
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(hash: &Digest) -> String {
        hash.to_hex()
    }

    fn unhex(text: &str) -> Digest {
        text.parse().unwrap()
    }

    /// The Certificate Transparency reference leaves (RFC 6962 test data, kept by RFC 9162).
    fn reference_leaves() -> Vec<Digest> {
        let data: [&[u8]; 8] = [
            b"",
            b"\x00",
            b"\x10",
            b"\x20\x21",
            b"\x30\x31",
            b"\x40\x41\x42\x43",
            b"\x50\x51\x52\x53\x54\x55\x56\x57",
            b"\x60\x61\x62\x63\x64\x65\x66\x67\x68\x69\x6a\x6b\x6c\x6d\x6e\x6f",
        ];
        data.iter().map(|d| leaf_hash(d)).collect()
    }

    const REFERENCE_ROOTS: [&str; 9] = [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    #[test]
    fn roots_match_the_reference_tree_heads_for_every_size() {
        let leaves = reference_leaves();
        for (size, expected) in REFERENCE_ROOTS.iter().enumerate() {
            assert_eq!(hex(&root(&leaves[..size])), *expected, "size {size}");
        }
    }

    #[test]
    fn the_first_leafs_proof_in_eight_matches_the_reference() {
        let proof = inclusion_proof(0, &reference_leaves()).unwrap();
        let expected = [
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ];
        assert_eq!(proof.iter().map(hex).collect::<Vec<_>>(), expected);
    }

    #[test]
    fn every_leafs_proof_verifies_in_every_tree_size_and_nothing_else_does() {
        let leaves: Vec<Digest> = (0..37_u8)
            .map(|i| leaf_hash(&[i, i.wrapping_mul(7)]))
            .collect();
        for size in 1..=leaves.len() {
            let tree = &leaves[..size];
            let head = root(tree);
            for index in 0..size {
                let proof = inclusion_proof(index, tree).unwrap();
                let (i, n) = (index as u64, size as u64);
                assert!(
                    verify_inclusion(i, n, &tree[index], &proof, &head),
                    "leaf {index} of {size}"
                );
                // Another leaf, another position, another size or a bent proof all fail.
                let other = (index + 1) % size;
                if other != index {
                    assert!(!verify_inclusion(i, n, &tree[other], &proof, &head));
                    assert!(!verify_inclusion(
                        other as u64,
                        n,
                        &tree[index],
                        &proof,
                        &head
                    ));
                }
                if let Some(first) = proof.first() {
                    let mut bent = proof.clone();
                    bent[0] = leaf_hash(&first.0);
                    assert!(!verify_inclusion(i, n, &tree[index], &bent, &head));
                    assert!(!verify_inclusion(i, n, &tree[index], &proof[1..], &head));
                }
            }
        }
    }

    #[test]
    fn a_proof_for_a_leaf_outside_the_tree_is_refused() {
        let leaves = reference_leaves();
        assert_eq!(inclusion_proof(8, &leaves), None);
        assert!(!verify_inclusion(8, 8, &leaves[0], &[], &root(&leaves)));
        assert_eq!(unhex(REFERENCE_ROOTS[1]), leaves[0]);
    }
}
