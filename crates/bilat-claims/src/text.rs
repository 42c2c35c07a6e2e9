//! Tokens and sentences over the characters of the input.
//!
//! The text is held as a `Vec<char>`, so every offset is a character offset (what the JSON
//! output promises) and no byte slicing can split a character.
//!
//! Tokens: words (letters, with an inner or trailing apostrophe: "Kazakhstan's", "Belarus'"),
//! numerals (digits joined by `.`/`,` between digits and by no-break/thin spaces before a group
//! of three digits — or by plain spaces, when the first group has at most three digits) and
//! single symbols. A sentence ends at `.`, `!`, `?` followed by white
//! space and a capital letter, digit or quote — unless the word before is a known abbreviation
//! ("долл.", "тыс.", "U.S.") — and at a blank line.

use crate::lexicon::is_group_space;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tok {
    /// Letters.
    Word,
    /// Digits with separators.
    Num,
    /// One other non-space character.
    Sym,
}

/// A token with its character span.
#[derive(Debug, Clone)]
pub(crate) struct Token {
    pub kind: Tok,
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The token as written.
    pub text: String,
    /// Lower case, apostrophes and a possessive "'s" removed (for words).
    pub key: String,
    /// Sentence index.
    pub sentence: usize,
    /// White space separates it from the previous token.
    pub space_before: bool,
}

impl Token {
    pub(crate) fn is_sym(&self, c: char) -> bool {
        self.kind == Tok::Sym && self.text.starts_with(c)
    }
    pub(crate) fn is_word(&self) -> bool {
        self.kind == Tok::Word
    }
    /// A possessive form: "Kazakhstan's", "Belarus'".
    pub(crate) fn possessive(&self) -> bool {
        let t = self.text.replace('’', "'");
        t.ends_with("'s") || t.ends_with('\'')
    }
}

const ABBREVIATIONS: &[&str] = &[
    "долл", "тыс", "руб", "г", "гг", "u", "s", "mr", "mrs", "dr", "st", "vs", "e", "i", "т", "п",
    "млн", "млрд", "no", "jan", "feb", "aug", "sept", "oct", "nov", "dec", "corp", "inc", "ltd",
];

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// The most tokens a sentence holds; news sentences have well under a hundred.
const MAX_SENTENCE_TOKENS: usize = 300;

/// Whether a plain space after `digits` (the numeral so far) may group thousands, as Russian
/// text writes "4 512,3": only digits and group spaces so far, and a first group of 1–3 digits
/// (so a year, "2019 150 компаний", stays two numbers).
fn plain_group(digits: &[char]) -> bool {
    let first = digits
        .iter()
        .position(|c| !c.is_ascii_digit())
        .unwrap_or(digits.len());
    (1..=3).contains(&first)
        && digits
            .iter()
            .all(|c| c.is_ascii_digit() || *c == ' ' || is_group_space(*c))
}

/// Splits `chars` into tokens and assigns sentence numbers.
pub(crate) fn tokenize(chars: &[char]) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    let mut i = 0;
    let n = chars.len();
    let mut space_before = false;
    let mut sentence = 0;
    let mut newlines = 0;
    let mut sentence_tokens = 0usize;
    while i < n {
        let c = chars[i];
        if c.is_whitespace() {
            if c == '\n' {
                newlines += 1;
            }
            space_before = true;
            i += 1;
            continue;
        }
        if newlines >= 2 && !out.is_empty() {
            sentence += 1;
        }
        newlines = 0;
        let start = i;
        let kind = if c.is_alphabetic() {
            while i < n
                && (chars[i].is_alphabetic()
                    || (is_apostrophe(chars[i])
                        && (i + 1 >= n
                            || !chars[i + 1].is_alphanumeric()
                            || chars[i + 1] == 's'
                                && (i + 2 >= n || !chars[i + 2].is_alphanumeric()))))
            {
                i += 1;
            }
            // "'s": take the s too.
            if i < n && chars[i] == 's' && i > start && is_apostrophe(chars[i - 1]) {
                i += 1;
            }
            Tok::Word
        } else if c.is_ascii_digit() {
            i += 1;
            loop {
                let digit = i < n && chars[i].is_ascii_digit();
                let separator = i + 1 < n
                    && (chars[i] == '.' || chars[i] == ',')
                    && chars[i + 1].is_ascii_digit();
                if digit || separator {
                    i += 1;
                } else if i + 3 < n
                    && (is_group_space(chars[i])
                        || chars[i] == ' ' && plain_group(&chars[start..i]))
                    && chars[i + 1..i + 4].iter().all(char::is_ascii_digit)
                    && (i + 4 >= n || !chars[i + 4].is_ascii_digit())
                {
                    i += 4;
                } else {
                    break;
                }
            }
            Tok::Num
        } else {
            i += 1;
            Tok::Sym
        };
        let text: String = chars[start..i].iter().collect();
        let key = if kind == Tok::Word {
            let t = text.to_lowercase().replace('’', "'");
            let t = t.strip_suffix("'s").unwrap_or(&t);
            t.trim_end_matches('\'').to_string()
        } else {
            text.clone()
        };
        // Sentence end: the previous token was . ! ? and this one starts a new sentence.
        if let Some(prev) = out.last()
            && prev.kind == Tok::Sym
            && matches!(prev.text.as_str(), "." | "!" | "?")
            && space_before
            && (text.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                || matches!(text.as_str(), "\"" | "“" | "«" | "("))
        {
            // An abbreviation's dot ends no sentence — except a currency or scale abbreviation
            // followed by a capital other than "США" ("… 14,6 млрд долл. За первое полугодие").
            let before = if out.len() >= 2 && out[out.len() - 2].kind == Tok::Word {
                out[out.len() - 2].key.as_str()
            } else {
                ""
            };
            let unit_abbrev = matches!(before, "долл" | "тыс" | "млн" | "млрд" | "руб");
            let abbrev = ABBREVIATIONS.contains(&before)
                && prev.text == "."
                && !(unit_abbrev && text != "США" && text.starts_with(char::is_uppercase));
            if !abbrev && prev.sentence == sentence {
                sentence += 1;
            }
        }
        // A run-on "sentence" (a table flattened to text, hostile input) is cut every
        // `MAX_SENTENCE_TOKENS` tokens: look-ups scan a claim's sentence, so an unbounded one
        // would make a long text quadratic.
        let same_sentence = out.last().is_some_and(|p| p.sentence == sentence);
        if same_sentence && sentence_tokens >= MAX_SENTENCE_TOKENS {
            sentence += 1;
        }
        sentence_tokens = if out.last().is_some_and(|p| p.sentence == sentence) {
            sentence_tokens + 1
        } else {
            1
        };
        out.push(Token {
            kind,
            start,
            end: i,
            text,
            key,
            sentence,
            space_before,
        });
        space_before = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<(String, usize)> {
        let chars: Vec<char> = s.chars().collect();
        tokenize(&chars)
            .into_iter()
            .map(|t| (t.text, t.sentence))
            .collect()
    }

    #[test]
    fn words_numbers_sentences() {
        let t = toks("Belarus' export was $783.7 million. Kazakhstan's 1\u{a0}234,5 млн долл. США");
        let texts: Vec<&str> = t.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Belarus'",
                "export",
                "was",
                "$",
                "783.7",
                "million",
                ".",
                "Kazakhstan's",
                "1\u{a0}234,5",
                "млн",
                "долл",
                ".",
                "США"
            ]
        );
        assert_eq!(t[7].1, 1);
        assert_eq!(t[12].1, 1, "no sentence break after the abbreviation долл.");
    }

    #[test]
    fn run_on_sentences_are_cut() {
        let text = "and 5 ".repeat(MAX_SENTENCE_TOKENS);
        let t = toks(&text);
        let longest = (0..=t.last().unwrap().1)
            .map(|s| t.iter().filter(|x| x.1 == s).count())
            .max()
            .unwrap();
        assert_eq!(longest, MAX_SENTENCE_TOKENS);
        assert_eq!(t.last().unwrap().1, 1);
    }
}
