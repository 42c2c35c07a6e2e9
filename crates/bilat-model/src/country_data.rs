// Reference table of countries and groups. Placeholder rows; the full ISO 3166 table replaces it.

static COUNTRIES: &[Country] = &[
    Country { code: 0, alpha2: "", alpha3: "WLD", name_en: "World", name_ru: "Мир", aliases: &[] },
    Country { code: 32, alpha2: "AR", alpha3: "ARG", name_en: "Argentina", name_ru: "Аргентина", aliases: &[] },
    Country { code: 112, alpha2: "BY", alpha3: "BLR", name_en: "Belarus", name_ru: "Беларусь", aliases: &["белоруссия"] },
    Country { code: 152, alpha2: "CL", alpha3: "CHL", name_en: "Chile", name_ru: "Чили", aliases: &[] },
    Country { code: 398, alpha2: "KZ", alpha3: "KAZ", name_en: "Kazakhstan", name_ru: "Казахстан", aliases: &[] },
];

static BACI_TO_ISO: &[(u16, u16)] = &[(251, 250), (579, 578), (699, 356), (757, 756), (842, 840)];

static GROUPS: &[Group] = &[
    Group { id: "WORLD", name_en: "World", name_ru: "Мир", members: &[] },
    Group { id: "EAEU", name_en: "Eurasian Economic Union", name_ru: "ЕАЭС", members: &[51, 112, 398, 417, 643] },
];
