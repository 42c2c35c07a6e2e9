// BACI / UN Comtrade numeric codes that differ from ISO 3166-1 numeric, sorted by source code
// (`baci_to_iso` relies on it). None of the source codes is a current ISO code (a unit test checks
// it), so applying the map to ISO input is harmless. Where the source entity is larger than the
// ISO country it maps to, the choice and its cost are noted.
static BACI_TO_ISO: &[(u16, u16)] = &[
    // Belgium-Luxembourg (BLEU), reported jointly until 1998: attributed to Belgium, as BACI's own
    // alpha-3 (BEL) does. Luxembourg's flows before 1999 are therefore inside Belgium's.
    (58, 56),
    (230, 231),  // Ethiopia incl. Eritrea (...1992) -> Ethiopia.
    (251, 250),  // France incl. Monaco.
    (280, 276),  // Federal Republic of Germany (...1990) -> Germany.
    (381, 380),  // Italy incl. San Marino and the Holy See (old BACI code).
    (457, 458),  // Sarawak (...1963) -> Malaysia.
    (459, 458),  // Peninsula Malaysia (...1963) -> Malaysia.
    (461, 458),  // Sabah (...1963) -> Malaysia.
    (488, 581),  // Midway Islands (ISO 3166-3) -> US Minor Outlying Islands.
    // "Other Asia, nes": in both BACI and Comtrade this is, in practice, Taiwan (which reports to
    // Comtrade under 490 and is not listed under 158). Mapped to Taiwan so that "Taiwan" finds
    // its trade; the small remainder of other unallocated Asian trade is attributed to it too.
    (490, 158),
    (532, 530),  // Netherlands Antilles and Aruba (...1985) -> Netherlands Antilles.
    (579, 578),  // Norway incl. Svalbard and Jan Mayen.
    (588, 586),  // East and West Pakistan (...1971) -> Pakistan.
    (590, 591),  // Panama excl. Canal Zone (...1977) -> Panama.
    (647, 392),  // Ryukyu Islands (...1972) -> Japan.
    (658, 659),  // Saint Kitts, Nevis and Anguilla (...1980) -> Saint Kitts and Nevis.
    (698, 356),  // Sikkim (...1974) -> India.
    (699, 356),  // India (Comtrade code since 1975).
    // Southern African Customs Union (...1999): South Africa's reports covered SACU; BACI gives
    // it alpha-3 ZAF.
    (711, 710),
    (720, 887),  // Democratic Yemen (...1990) -> Yemen.
    (736, 729),  // Sudan incl. South Sudan (...2011) -> Sudan.
    (757, 756),  // Switzerland incl. Liechtenstein.
    (835, 834),  // Tanganyika (...1964) -> Tanzania.
    (836, 834),  // Zanzibar and Pemba (...1964) -> Tanzania.
    (841, 840),  // USA and Puerto Rico (...1980).
    (842, 840),  // USA incl. Puerto Rico and US Virgin Islands.
    (849, 581),  // US Miscellaneous Pacific Islands (ISO 3166-3) -> US Minor Outlying Islands.
    (866, 704),  // Democratic Republic of Viet-Nam (...1974) -> Viet Nam.
    (868, 704),  // Republic of Viet-Nam (...1974) -> Viet Nam.
    (872, 581),  // Wake Island (ISO 3166-3) -> US Minor Outlying Islands.
    (886, 887),  // Yemen Arab Republic (...1990) -> Yemen.
];

// The groups a user may name as one side of a pair. Member lists are ISO numeric, sorted.
static GROUPS: &[Group] = &[
    Group {
        id: "WORLD",
        name_en: "World",
        name_ru: "Мир",
        // Stored as partner code 0; "0", "WLD" and Comtrade's "W00" resolve here too.
        members: &[],
        aliases: &["world", "мир", "весь мир", "мира", "миром", "wld", "w00", "0", "all countries", "все страны"],
    },
    Group {
        id: "EU27",
        name_en: "European Union",
        name_ru: "Европейский союз",
        // The 27 members since 1 February 2020 (after the United Kingdom left).
        members: &[
            40, 56, 100, 191, 196, 203, 208, 233, 246, 250, 276, 300, 348, 372, 380, 428, 440, 442,
            470, 528, 616, 620, 642, 703, 705, 724, 752,
        ],
        aliases: &[
            "eu", "eu27", "eu-27", "eu 27", "european union", "the eu", "ес", "ес27", "ес-27",
            "евросоюз", "евросоюза", "евросоюзу", "евросоюзом", "евросоюзе", "европейский союз",
            "европейского союза", "европейскому союзу", "европейским союзом", "европейском союзе",
        ],
    },
    Group {
        id: "EAEU",
        name_en: "Eurasian Economic Union",
        name_ru: "ЕАЭС",
        // Armenia, Belarus, Kazakhstan, Kyrgyzstan, Russia (treaty in force since 2015).
        members: &[51, 112, 398, 417, 643],
        aliases: &[
            "eaeu", "eeu", "eurasian economic union", "еаэс", "евразийский экономический союз",
            "евразийского экономического союза", "евразийскому экономическому союзу",
            "евразийским экономическим союзом", "евразийском экономическом союзе",
        ],
    },
    Group {
        id: "CIS",
        name_en: "Commonwealth of Independent States",
        name_ru: "СНГ",
        // Current full participants in common usage: Armenia, Azerbaijan, Belarus, Kazakhstan,
        // Kyrgyzstan, Moldova, Russia, Tajikistan, Uzbekistan. Excluded: Turkmenistan (an
        // associate member since 2005), Ukraine (never ratified the Charter; left the statutory
        // bodies in 2018) and Georgia (withdrew in 2009). Moldova is kept while its withdrawal
        // is not complete.
        members: &[31, 51, 112, 398, 417, 498, 643, 762, 860],
        aliases: &[
            "cis", "commonwealth of independent states", "снг", "содружество независимых государств",
            "содружества независимых государств", "страны снг",
        ],
    },
];
