//! Human-entered names: a person's display name and a workspace's name.

const MAX_NAME_CHARS: usize = 80;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    #[error("Enter {0}.")]
    Empty(&'static str),
    #[error("Keep {0} under {MAX_NAME_CHARS} characters.")]
    TooLong(&'static str),
    #[error("{0} cannot contain control characters.")]
    ControlCharacters(&'static str),
}

/// Trims and checks a name; `what` names the field in the message ("your name").
pub fn parse_name(input: &str, what: &'static str) -> Result<String, NameError> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        Err(NameError::Empty(what))
    } else if trimmed.chars().count() > MAX_NAME_CHARS {
        Err(NameError::TooLong(what))
    } else if trimmed.chars().any(char::is_control) {
        Err(NameError::ControlCharacters(what))
    } else {
        Ok(trimmed.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_checks() {
        assert_eq!(parse_name("  Ada  ", "your name"), Ok("Ada".into()));
        assert_eq!(parse_name(" ", "your name"), Err(NameError::Empty("your name")));
        assert!(parse_name(&"x".repeat(81), "a workspace name").is_err());
        assert!(parse_name("a\u{0}b", "your name").is_err());
        assert_eq!(parse_name("Café 東京", "a name"), Ok("Café 東京".into()));
    }
}
