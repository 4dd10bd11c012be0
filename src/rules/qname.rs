//! Qualified names of calls (`openai.OpenAI.chat.completions.create`) and the patterns packs write
//! for them. A module path containing `/` (npm, Go) is a single segment.

/// One segment of a call pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Literal(String),
    /// `*`: exactly one segment.
    One,
    /// `**`: any number of segments, including none.
    Any,
}

/// Splits a pattern or dotted name into segments, keeping a `/`-path as its first segment.
pub fn split(name: &str) -> Vec<String> {
    let (head, rest) = match name.rfind('/') {
        Some(slash) => match name[slash..].find('.') {
            Some(dot) => (&name[..slash + dot], Some(&name[slash + dot + 1..])),
            None => (name, None),
        },
        None => match name.find('.') {
            Some(dot) => (&name[..dot], Some(&name[dot + 1..])),
            None => (name, None),
        },
    };
    let mut out = vec![head.to_string()];
    if let Some(rest) = rest {
        out.extend(
            rest.split('.')
                .filter(|s| !s.is_empty())
                .map(str::to_string),
        );
    }
    out
}

pub fn parse_pattern(pattern: &str) -> Vec<Segment> {
    split(pattern)
        .into_iter()
        .map(|s| match s.as_str() {
            "*" => Segment::One,
            "**" => Segment::Any,
            _ => Segment::Literal(s),
        })
        .collect()
}

pub fn matches(pattern: &[Segment], name: &[String]) -> bool {
    match pattern.split_first() {
        None => name.is_empty(),
        Some((Segment::Any, rest)) => (0..=name.len()).any(|skip| matches(rest, &name[skip..])),
        Some((Segment::One, rest)) => !name.is_empty() && matches(rest, &name[1..]),
        Some((Segment::Literal(lit), rest)) => {
            name.first().is_some_and(|n| n == lit) && matches(rest, &name[1..])
        }
    }
}

/// Removes Go major-version path elements (`/v2`), so `openai-go/v2/option` matches `openai-go/option`.
pub fn strip_go_version(path: &str) -> String {
    path.split('/')
        .filter(|part| {
            !(part.len() >= 2
                && part.starts_with('v')
                && part[1..].bytes().all(|b| b.is_ascii_digit()))
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(s: &str) -> Vec<String> {
        split(s)
    }

    #[test]
    fn splits_paths_as_one_segment() {
        assert_eq!(split("openai.OpenAI"), vec!["openai", "OpenAI"]);
        assert_eq!(
            split("github.com/openai/openai-go/option.WithBaseURL"),
            vec!["github.com/openai/openai-go/option", "WithBaseURL"]
        );
        assert_eq!(split("@ai-sdk/openai"), vec!["@ai-sdk/openai"]);
    }

    #[test]
    fn wildcards() {
        let p = parse_pattern("openai.**.chat.completions.create");
        assert!(matches(&p, &name("openai.OpenAI.chat.completions.create")));
        assert!(matches(&p, &name("openai.chat.completions.create")));
        assert!(!matches(&p, &name("groq.Groq.chat.completions.create")));
        let one = parse_pattern("openai.*.create");
        assert!(matches(&one, &name("openai.x.create")));
        assert!(!matches(&one, &name("openai.create")));
    }

    #[test]
    fn go_versions() {
        assert_eq!(
            strip_go_version("github.com/openai/openai-go/v2/option"),
            "github.com/openai/openai-go/option"
        );
        assert_eq!(
            strip_go_version("github.com/a/vector"),
            "github.com/a/vector"
        );
    }
}
