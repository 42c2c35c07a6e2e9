// HS sections and chapters. Placeholder rows; the full table replaces it.

static SECTIONS: &[Section] = &[
    Section { roman: "I", number: 1, first_chapter: 1, last_chapter: 5, name_en: "Live animals; animal products", name_ru: "Живые животные; продукты животного происхождения" },
];

static CHAPTERS: &[(u8, &str, &str)] = &[
    (1, "Live animals", "Живые животные"),
];
