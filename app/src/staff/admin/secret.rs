//! First and temporary passwords an admin hands over: random, readable aloud.

/// Letters and digits without look-alikes (no 0/O, 1/l/I): 56 signs.
const ALPHABET: &[u8] = b"abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/// A password of 16 signs (about 93 bits) from 16 random bytes, in groups of four
/// (`aB3d-Ef5h-…`) so it can be read over the phone; the dashes count as characters
/// and keep it above the 12-character minimum.
pub fn from_bytes(bytes: [u8; 16]) -> String {
    let mut out = String::with_capacity(19);
    for (i, byte) in bytes.iter().enumerate() {
        if i > 0 && i % 4 == 0 {
            out.push('-');
        }
        // 256 is not a multiple of 56: the bias (at most 1 in 4 per sign) costs
        // well under one bit of the 93.
        out.push(ALPHABET[usize::from(*byte) % ALPHABET.len()] as char);
    }
    out
}

/// A new random password.
pub fn generate() -> String {
    from_bytes(crate::browser::random_16())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_four_groups_of_unambiguous_signs() {
        let password = from_bytes([0, 1, 2, 3, 55, 56, 57, 255, 10, 20, 30, 40, 50, 60, 70, 80]);
        assert_eq!(password.len(), 19);
        let groups: Vec<&str> = password.split('-').collect();
        assert_eq!(groups.len(), 4);
        assert!(groups.iter().all(|g| g.len() == 4));
        assert!(
            password
                .chars()
                .all(|c| c == '-' || ALPHABET.contains(&(c as u8)))
        );
        assert!(!password.contains(['0', 'O', '1', 'l', 'I']));
        assert_ne!(from_bytes([7; 16]), from_bytes([8; 16]));
    }
}
