//! Record keys for posts: a TID derived from the target id, so every retry of one target
//! writes to the same key and the server refuses a second copy.
use uuid::Uuid;

const ALPHABET: &[u8; 32] = b"234567abcdefghijklmnopqrstuvwxyz";
/// 2023-01-01T00:00:00Z and 2030-01-01T00:00:00Z in microseconds: a plausible range of dates.
const EARLIEST_MICROS: u64 = 1_672_531_200_000_000;
const LATEST_MICROS: u64 = 1_893_456_000_000_000;

/// A valid TID (53-bit microsecond timestamp, 10-bit clock id, top bit 0) taken from the id.
pub fn record_key(target_id: Uuid) -> String {
    let bits = target_id.as_u128();
    let (high, low) = ((bits >> 64) as u64, bits as u64);
    // Folding both halves spreads the fixed version and variant bits of a v4 uuid.
    let micros = EARLIEST_MICROS + (high ^ low) % (LATEST_MICROS - EARLIEST_MICROS);
    let clock_id = (high.rotate_left(23) ^ low.rotate_left(41)) & 0x3ff;
    encode((micros << 10) | clock_id)
}

/// 13 base32-sortable characters, most significant first.
fn encode(value: u64) -> String {
    (0..13)
        .rev()
        .map(|i| ALPHABET[((value >> (i * 5)) & 31) as usize] as char)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(tid: &str) -> Option<u64> {
        tid.bytes().try_fold(0u64, |acc, c| {
            let digit = ALPHABET.iter().position(|&a| a == c)? as u64;
            Some((acc << 5) | digit)
        })
    }

    fn decode_micros(tid: &str) -> Option<u64> {
        decode(tid).map(|value| value >> 10)
    }

    #[test]
    fn is_stable_and_valid_for_a_given_uuid() {
        let id = Uuid::parse_str("5b0c1d2e-3f40-4a51-8b62-7c839da4eb5f").unwrap();
        let key = record_key(id);
        assert_eq!(key, record_key(id));
        assert_eq!(key.len(), 13);
        // The spec's syntax: the first character keeps the top bit at 0.
        assert!("234567abcdefghij".contains(&key[..1]), "{key}");
        assert!(key.bytes().all(|c| ALPHABET.contains(&c)), "{key}");
        let micros = decode_micros(&key).unwrap();
        assert!((EARLIEST_MICROS..LATEST_MICROS).contains(&micros));
        assert_ne!(key, record_key(Uuid::from_u128(id.as_u128() + 1)));
    }

    #[test]
    fn stays_in_range_for_extreme_ids() {
        for id in [Uuid::nil(), Uuid::max(), Uuid::from_u128(u64::MAX as u128)] {
            let key = record_key(id);
            assert!("234567abcdefghij".contains(&key[..1]), "{key}");
            let micros = decode_micros(&key).unwrap();
            assert!((EARLIEST_MICROS..LATEST_MICROS).contains(&micros));
        }
    }

    #[test]
    fn encodes_like_the_spec() {
        assert_eq!(encode(0), "2222222222222");
        assert_eq!(encode(33), "2222222222233");
        // The example TID in the AT Protocol spec: a mid-2023 timestamp.
        let value = decode("3jzfcijpj2z2a").unwrap();
        assert_eq!(value >> 10, 1_688_137_381_887_007);
        assert_eq!(encode(value), "3jzfcijpj2z2a");
    }
}
