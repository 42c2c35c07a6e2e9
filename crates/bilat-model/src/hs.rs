//! The Harmonized System: sections and chapters with English and Russian names, built in.
//!
//! Six-digit names differ by revision and come from each source's own dictionary, stored in the
//! warehouse; this module only knows the stable top of the tree.

use crate::Lang;

/// One HS section (I–XXI) with the chapters it spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Roman numeral, e.g. `XVI`.
    pub roman: &'static str,
    /// Section number 1..=21.
    pub number: u8,
    /// First chapter (2 digits) in the section.
    pub first_chapter: u8,
    /// Last chapter in the section.
    pub last_chapter: u8,
    /// English name.
    pub name_en: &'static str,
    /// Russian name.
    pub name_ru: &'static str,
}

impl Section {
    /// Name in the requested language.
    pub fn name(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.name_en,
            Lang::Ru => self.name_ru,
        }
    }
}

include!("hs_data.rs");

/// All 21 sections in order.
pub fn sections() -> &'static [Section] {
    SECTIONS
}

/// The section containing a product code (first two digits are the chapter).
pub fn section_of(product: &str) -> Option<&'static Section> {
    let ch: u8 = product.get(..2)?.parse().ok()?;
    SECTIONS.iter().find(|s| (s.first_chapter..=s.last_chapter).contains(&ch))
}

/// Name of a 2-digit chapter in the requested language.
pub fn chapter_name(chapter: &str, lang: Lang) -> Option<&'static str> {
    let ch: u8 = chapter.get(..2)?.parse().ok()?;
    CHAPTERS.iter().find(|(n, _, _)| *n == ch).map(|(_, en, ru)| match lang {
        Lang::En => *en,
        Lang::Ru => *ru,
    })
}

/// Number of digits of a product code if it is a valid HS code at level 2, 4 or 6.
pub fn level_of(code: &str) -> Option<u8> {
    let ok = code.bytes().all(|b| b.is_ascii_digit());
    match (ok, code.len()) {
        (true, 2) | (true, 4) | (true, 6) => Some(code.len() as u8),
        _ => None,
    }
}
