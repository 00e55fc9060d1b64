//! Password rules shared by the server (authoritative) and the browser (live hint).

pub const MIN_LENGTH: usize = 10;
/// Hashing cost grows with input; anything longer is not a password a person types.
pub const MAX_LENGTH: usize = 256;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("Use at least {MIN_LENGTH} characters for your password.")]
    TooShort,
    #[error("Use at most {MAX_LENGTH} characters for your password.")]
    TooLong,
}

/// Checks the policy; counts characters, not bytes, so non-Latin passwords are treated fairly.
pub fn check(password: &str) -> Result<(), PasswordError> {
    let length = password.chars().count();
    if length < MIN_LENGTH {
        Err(PasswordError::TooShort)
    } else if length > MAX_LENGTH {
        Err(PasswordError::TooLong)
    } else {
        Ok(())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    TooShort,
    Weak,
    Fair,
    Strong,
}

impl Strength {
    pub fn label(self) -> &'static str {
        match self {
            Strength::TooShort => "Too short",
            Strength::Weak => "Weak",
            Strength::Fair => "Fair",
            Strength::Strong => "Strong",
        }
    }

    pub fn advice(self) -> &'static str {
        match self {
            Strength::TooShort => "At least 10 characters.",
            Strength::Weak => "Longer is better: try a few unrelated words.",
            Strength::Fair => "Good. A few more characters make it strong.",
            Strength::Strong => "Strong password.",
        }
    }

    /// Filled segments of a four-segment meter.
    pub fn segments(self) -> usize {
        match self {
            Strength::TooShort => 0,
            Strength::Weak => 1,
            Strength::Fair => 2,
            Strength::Strong => 4,
        }
    }
}

/// A rough hint for the sign-up form. Length dominates, character variety helps, and a single
/// repeated character never rates well. (zxcvbn would be better but adds ~800 KB to the wasm.)
pub fn strength(password: &str) -> Strength {
    let length = password.chars().count();
    if length < MIN_LENGTH {
        return Strength::TooShort;
    }
    let distinct = {
        let mut chars: Vec<char> = password.chars().collect();
        chars.sort_unstable();
        chars.dedup();
        chars.len()
    };
    let classes = [
        password.chars().any(|c| c.is_lowercase()),
        password.chars().any(|c| c.is_uppercase()),
        password.chars().any(|c| c.is_numeric()),
        password.chars().any(|c| !c.is_alphanumeric()),
    ]
    .into_iter()
    .filter(|present| *present)
    .count();
    if distinct < 5 {
        Strength::Weak
    } else if length >= 16 || (length >= 12 && classes >= 3) {
        Strength::Strong
    } else if classes >= 2 {
        Strength::Fair
    } else {
        Strength::Weak
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy() {
        assert_eq!(check("short"), Err(PasswordError::TooShort));
        assert_eq!(check("123456789"), Err(PasswordError::TooShort));
        assert_eq!(check("1234567890"), Ok(()));
        // Ten characters, more than ten bytes.
        assert_eq!(check("ééééééééé"), Err(PasswordError::TooShort));
        assert_eq!(check(&"x".repeat(MAX_LENGTH + 1)), Err(PasswordError::TooLong));
    }

    #[test]
    fn strength_table() {
        let table = [
            ("abc", Strength::TooShort),
            ("aaaaaaaaaaaaaaaaaaaa", Strength::Weak),
            ("abcdefghij", Strength::Weak),
            ("abcdefgh12", Strength::Fair),
            ("Abcdefgh12!x", Strength::Strong),
            ("correct horse battery staple", Strength::Strong),
        ];
        for (password, expected) in table {
            assert_eq!(strength(password), expected, "{password}");
        }
    }
}
