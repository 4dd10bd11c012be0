//! Card numbers are removed before a transcript leaves this process.

use std::sync::OnceLock;

use regex::Regex;

fn card_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| Regex::new(r"\b\d(?:[ -]?\d){12,18}\b").expect("valid card regex"))
}

/// Replaces every card-number-like digit run with a placeholder; returns the count.
pub fn card_numbers(text: &str) -> (String, usize) {
    let mut count = 0;
    let redacted = card_pattern().replace_all(text, |_: &regex::Captures<'_>| {
        count += 1;
        "[card number removed]"
    });
    (redacted.into_owned(), count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_spaced_card_numbers() {
        let (text, n) = card_numbers("my card is 4111 1111 1111 1111 thanks");
        assert_eq!(n, 1);
        assert_eq!(text, "my card is [card number removed] thanks");
    }
}
