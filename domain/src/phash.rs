//! Perceptual image hashes for finding near-duplicate photos: a listing photo that is a
//! brand owner's reference image, or another shop's photo, resized or re-compressed.
//!
//! The hash is the classic DCT hash: the image as 32×32 grey levels, its 2-D DCT, and one
//! bit per coefficient of the 8×8 lowest frequencies (bit set when above their median).
//! Similar images differ in few bits (Hamming distance). Lookup is not a scan: the 64 bits
//! are cut into four 16-bit bands stored as indexed fields; two hashes within distance 3
//! share at least one band exactly (pigeonhole), so candidates come from four index
//! lookups and only they are compared bit by bit.

/// Side of the grey image the hash is computed from.
pub const SIDE: usize = 32;
/// Hashes at most this many bits apart are the same picture.
pub const MATCH_DISTANCE: u32 = 6;

/// The hash of a 32×32 grey image, row by row, any scale (only order matters).
pub fn dct_hash(grey: &[f32]) -> u64 {
    assert_eq!(grey.len(), SIDE * SIDE, "a 32×32 image");
    // cos[u][x] for the 8 lowest frequencies
    let mut cos = [[0f32; SIDE]; 8];
    for (u, row) in cos.iter_mut().enumerate() {
        for (x, c) in row.iter_mut().enumerate() {
            *c = (std::f32::consts::PI / SIDE as f32 * (x as f32 + 0.5) * u as f32).cos();
        }
    }
    // rows first: tmp[y][u] = sum_x grey[y][x] cos[u][x]
    let mut tmp = [[0f32; 8]; SIDE];
    for (y, t) in tmp.iter_mut().enumerate() {
        let line = &grey[y * SIDE..(y + 1) * SIDE];
        for (u, c) in cos.iter().enumerate() {
            t[u] = line.iter().zip(c).map(|(a, b)| a * b).sum();
        }
    }
    let mut coeffs = [0f32; 64];
    for v in 0..8 {
        for u in 0..8 {
            coeffs[v * 8 + u] = (0..SIDE).map(|y| tmp[y][u] * cos[v][y]).sum();
        }
    }
    // the median of the 63 AC coefficients (the DC term only says how bright it is)
    let mut ac: Vec<f32> = coeffs[1..].to_vec();
    ac.sort_by(f32::total_cmp);
    let median = ac[ac.len() / 2];
    coeffs
        .iter()
        .enumerate()
        .skip(1)
        .filter(|(_, c)| **c > median)
        .fold(0u64, |h, (i, _)| h | (1 << i))
}

pub fn distance(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

/// The four 16-bit bands of a hash, as stored in the indexed fields.
pub fn bands(h: u64) -> [i64; 4] {
    [0, 1, 2, 3].map(|i| ((h >> (16 * i)) & 0xffff) as i64)
}

/// The hash as a signed integer (what the database stores) and back.
pub fn to_db(h: u64) -> i64 {
    h as i64
}

pub fn from_db(v: i64) -> u64 {
    v as u64
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn picture(seed: u32) -> Vec<f32> {
        // smooth shapes: a few gradients and blobs chosen by the seed
        (0..SIDE * SIDE)
            .map(|i| {
                let (x, y) = ((i % SIDE) as f32, (i / SIDE) as f32);
                let s = seed as f32;
                128.0
                    + 60.0 * ((x + s) / 5.0).sin()
                    + 50.0 * ((y * (1.0 + s % 3.0)) / 7.0).cos()
                    + 30.0 * (((x - 16.0).powi(2) + (y - s % 32.0).powi(2)) / 90.0).sin()
            })
            .collect()
    }

    #[test]
    fn brightness_and_noise_barely_move_the_hash() {
        let a = picture(7);
        let brighter: Vec<f32> = a.iter().map(|v| v * 0.8 + 20.0).collect();
        assert_eq!(distance(dct_hash(&a), dct_hash(&brighter)), 0);
        let noisy: Vec<f32> = a
            .iter()
            .enumerate()
            .map(|(i, v)| v + ((i * 7919) % 13) as f32 - 6.0)
            .collect();
        assert!(distance(dct_hash(&a), dct_hash(&noisy)) <= MATCH_DISTANCE);
    }

    #[test]
    fn different_pictures_are_far_apart() {
        let d = distance(dct_hash(&picture(1)), dct_hash(&picture(20)));
        assert!(d > 12, "distance {d}");
    }

    #[test]
    fn bands_round_trip() {
        let h = 0x1234_5678_9abc_def0u64;
        assert_eq!(bands(h), [0xdef0, 0x9abc, 0x5678, 0x1234]);
        assert_eq!(from_db(to_db(h)), h);
        assert_eq!(from_db(to_db(u64::MAX)), u64::MAX);
    }

    proptest! {
        /// Two hashes within distance 3 always share a band: candidates found through the
        /// four band indexes include every such near-duplicate.
        #[test]
        fn close_hashes_share_a_band(h: u64, flips in proptest::collection::vec(0u32..64, 0..4)) {
            let g = flips.iter().fold(h, |g, b| g ^ (1 << b));
            prop_assert!(distance(h, g) <= 3);
            let (a, b) = (bands(h), bands(g));
            prop_assert!((0..4).any(|i| a[i] == b[i]));
        }
    }
}
