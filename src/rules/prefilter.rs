//! The literal prefilter: does a file contain any rule literal, ASCII case ignored?
//!
//! Almost every file of a large tree answers no, so the question is asked of every byte. Each
//! literal is indexed by one of its 4-byte windows, the one least common in ordinary code
//! (`rules/common-grams.txt`). The scan folds each 4-byte window of the file to lower case and
//! tests it in a 1 Mibit set of those windows' hashes (128 KiB, in L2 cache); only a window in
//! the set is checked against the literals it stands for. On code that does not mention a
//! vendor, about one byte in 1,000 needs that check, and the scan runs at about twice the speed
//! of an Aho-Corasick DFA over the same two thousand literals (870 against 430 MB/s per core).
//!
//! The answer is exact: a file matches if and only if one literal occurs in it.

use aho_corasick::AhoCorasick;
use std::collections::HashMap;

/// Lower-cased 4-byte windows, most frequent first, one per line.
const COMMON_GRAMS: &str = include_str!("../../rules/common-grams.txt");

const SET_BITS: u32 = 20;
const SET_WORDS: usize = 1 << (SET_BITS - 6);

pub struct Prefilter {
    /// Bit `hash(window)` is set for every indexed window.
    set: Box<[u64; SET_WORDS]>,
    /// Each indexed window (folded), the literal it was chosen for and its offset in it; sorted.
    windows: Vec<(u32, u32, u32)>,
    /// Lower-cased literals.
    literals: Vec<Box<[u8]>>,
    /// Literals shorter than a window, if a user pack has any.
    short: Option<AhoCorasick>,
}

/// Folds ASCII upper case to lower case in all four bytes (and maps a few punctuation bytes onto
/// others, which only makes the set test looser; the check against the literal is exact).
#[inline(always)]
fn fold(window: u32) -> u32 {
    window | 0x2020_2020
}

#[inline(always)]
fn hash(folded: u32) -> usize {
    (folded.wrapping_mul(0x9E37_79B1) >> (32 - SET_BITS)) as usize
}

fn window_at(bytes: &[u8], i: usize) -> u32 {
    u32::from_le_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]])
}

impl Prefilter {
    pub fn new<S: AsRef<str>>(literals: &[S]) -> Result<Prefilter, String> {
        let rank: HashMap<&[u8], usize> = COMMON_GRAMS
            .lines()
            .filter(|l| l.len() == 4)
            .enumerate()
            .map(|(i, l)| (l.as_bytes(), i))
            .collect();
        let lowered: Vec<Box<[u8]>> = literals
            .iter()
            .map(|l| {
                l.as_ref()
                    .to_ascii_lowercase()
                    .into_bytes()
                    .into_boxed_slice()
            })
            .collect();
        // How many literals contain each window: among equally rare windows, a shared one
        // keeps the set small.
        let mut shared: HashMap<&[u8], usize> = HashMap::new();
        for lit in &lowered {
            for w in lit.windows(4) {
                *shared.entry(w).or_default() += 1;
            }
        }
        // Cost of a window: how common it is in code (0 when not in the table: rare), then
        // letters-only windows after those with a digit or punctuation.
        let cost = |w: &[u8]| {
            let common = rank.get(w).map_or(0, |r| rank.len() - r);
            let letters = w.iter().all(u8::is_ascii_alphabetic);
            (common, letters, usize::MAX - shared[w])
        };
        let mut set = Box::new([0u64; SET_WORDS]);
        let mut windows = Vec::new();
        let mut short = Vec::new();
        for (idx, lit) in lowered.iter().enumerate() {
            let Some((offset, _)) = lit.windows(4).enumerate().min_by_key(|(_, w)| cost(w)) else {
                if !lit.is_empty() {
                    short.push(lit.clone());
                }
                continue;
            };
            let folded = fold(window_at(lit, offset));
            let h = hash(folded);
            set[h >> 6] |= 1 << (h & 63);
            windows.push((folded, idx as u32, offset as u32));
        }
        windows.sort_unstable();
        let short = if short.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .ascii_case_insensitive(true)
                    .build(&short)
                    .map_err(|e| e.to_string())?,
            )
        };
        Ok(Prefilter {
            set,
            windows,
            literals: lowered,
            short,
        })
    }

    /// True when any literal occurs in `bytes`, ASCII case ignored.
    pub fn is_match(&self, bytes: &[u8]) -> bool {
        if let Some(short) = &self.short
            && short.is_match(bytes)
        {
            return true;
        }
        if bytes.len() < 4 {
            return false;
        }
        let set = &*self.set;
        let in_set = |w: u32| {
            let h = hash(w);
            set[h >> 6] >> (h & 63) & 1
        };
        // Four windows per step from one 8-byte load, tested without a branch between them.
        let last = bytes.len() - 4;
        let mut i = 0;
        while let Some(eight) = bytes.get(i..i + 8) {
            let x = u64::from_le_bytes(eight.try_into().unwrap());
            let w = [
                fold(x as u32),
                fold((x >> 8) as u32),
                fold((x >> 16) as u32),
                fold((x >> 24) as u32),
            ];
            if in_set(w[0]) | in_set(w[1]) | in_set(w[2]) | in_set(w[3]) != 0
                && (0..4).any(|k| in_set(w[k]) != 0 && self.confirm(bytes, i + k, w[k]))
            {
                return true;
            }
            i += 4;
        }
        while i <= last {
            let w = fold(window_at(bytes, i));
            if in_set(w) != 0 && self.confirm(bytes, i, w) {
                return true;
            }
            i += 1;
        }
        false
    }

    /// Does a literal indexed by the window at `at` occur there?
    #[cold]
    fn confirm(&self, bytes: &[u8], at: usize, folded: u32) -> bool {
        let first = self.windows.partition_point(|&(w, _, _)| w < folded);
        let candidates = self.windows[first..]
            .iter()
            .take_while(|&&(w, _, _)| w == folded);
        candidates.into_iter().any(|&(_, idx, offset)| {
            let lit = &self.literals[idx as usize];
            at.checked_sub(offset as usize)
                .and_then(|start| bytes.get(start..start + lit.len()))
                .is_some_and(|found| found.eq_ignore_ascii_case(lit))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(literals: &[&str], text: &[u8]) -> bool {
        let text = text.to_ascii_lowercase();
        literals.iter().any(|l| {
            let l = l.to_ascii_lowercase();
            text.windows(l.len()).any(|w| w == l.as_bytes())
        })
    }

    #[test]
    fn finds_a_literal_anywhere_in_any_case() {
        let lits = ["openai", "api.anthropic.com", "gpt-4o", "import agents"];
        let p = Prefilter::new(&lits).unwrap();
        for text in [
            "from openai import OpenAI",
            "OPENAI",
            "x = 'https://API.Anthropic.com/v1'",
            "gpt-4o",
            "model=\"GPT-4o-mini\"",
            "import agents\n",
        ] {
            assert!(p.is_match(text.as_bytes()), "{text}");
        }
        for text in [
            "open ai",
            "anthropic",
            "gpt-4",
            "import agent",
            "",
            "gp",
            "agents",
        ] {
            assert!(!p.is_match(text.as_bytes()), "{text}");
        }
    }

    #[test]
    fn short_literals_and_punctuation_folding() {
        // '@' folds onto '`' in the set test; the check against the literal must reject it.
        let p = Prefilter::new(&["@ai-sdk/openai", "ai", "`ai-sdk/openai"]).unwrap();
        assert!(p.is_match(b"x ai y"));
        let p = Prefilter::new(&["@ai-sdk/", "zzzz"]).unwrap();
        assert!(p.is_match(b"import { x } from '@ai-sdk/google'"));
        assert!(!p.is_match(b"import { x } from '`ai-sdk/google'"));
        assert!(!p.is_match(b"import { x } from '@AI-SDK-google'"));
    }

    /// The fast path agrees with a plain substring search at every offset and file length.
    #[test]
    fn agrees_with_a_naive_search() {
        let lits = [
            "openai",
            "claude-3",
            "\"replicate\"",
            "spring-ai-openai",
            "x-api-key",
            "ollama",
        ];
        let p = Prefilter::new(&lits).unwrap();
        let filler = b"fn handle(payload) { return sorted(items)[:limit] } // report queue\n";
        let mut seed = 7u64;
        for round in 0..2000 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let len = (seed >> 33) as usize % 200;
            let mut text: Vec<u8> = filler
                .iter()
                .cycle()
                .skip(round % 50)
                .take(len)
                .copied()
                .collect();
            if round % 3 == 0 && len > 0 {
                let lit = lits[(seed >> 20) as usize % lits.len()].as_bytes();
                let at = (seed >> 40) as usize % len;
                text.splice(
                    at..at,
                    lit.iter().map(|b| {
                        if seed & 1 == 1 {
                            b.to_ascii_uppercase()
                        } else {
                            *b
                        }
                    }),
                );
                text.truncate(len.max(at + lit.len() / 2));
            }
            assert_eq!(
                p.is_match(&text),
                naive(&lits, &text),
                "{:?}",
                String::from_utf8_lossy(&text)
            );
        }
    }

    /// With the built-in literals, on every file of the example tree and on slices of them cut
    /// at every offset, the answer is the Aho-Corasick one.
    #[test]
    fn agrees_with_aho_corasick_on_the_example_tree() {
        let rules = crate::rules::RuleSet::load(&[]).unwrap();
        let literals = rules.literals();
        let fast = Prefilter::new(literals).unwrap();
        let reference = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(literals)
            .unwrap();
        let mut files = Vec::new();
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");
        for entry in ignore::WalkBuilder::new(root).hidden(false).build() {
            let entry = entry.unwrap();
            if entry.file_type().is_some_and(|t| t.is_file()) {
                files.push(std::fs::read(entry.path()).unwrap());
            }
        }
        assert!(files.len() > 30, "{} example files", files.len());
        let (mut hits, mut misses) = (0, 0);
        for bytes in &files {
            for start in (0..bytes.len()).step_by(23) {
                for len in [0, 3, 4, 5, 9, 31, 200, usize::MAX] {
                    let slice = &bytes[start..bytes.len().min(start.saturating_add(len))];
                    let expected = reference.is_match(slice);
                    assert_eq!(
                        fast.is_match(slice),
                        expected,
                        "{:?}",
                        String::from_utf8_lossy(slice)
                    );
                    if expected { hits += 1 } else { misses += 1 }
                }
            }
        }
        assert!(hits > 1000 && misses > 1000, "{hits} hits, {misses} misses");
    }
}
