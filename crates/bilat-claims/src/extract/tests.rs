//! Unit tests of the grammar, routed through one `check` helper.

use super::*;
use crate::claim::ClaimKind;

/// Extracts and renders each claim as `text|kind|measure|value|bound|from>to|period|base|target`.
fn check(text: &str, expect: &[&str]) {
    let (claims, _) = extract(text, None);
    let got: Vec<String> = claims
        .iter()
        .map(|c| {
            format!(
                "{}|{:?}|{}|{}|{:?}|{}>{}|{}|{}|{}",
                c.text,
                c.kind,
                c.measure.name(),
                c.value
                    .map(|v| format!("{v}"))
                    .unwrap_or_else(|| "-".into()),
                c.bound,
                c.subject.from.as_deref().unwrap_or("?"),
                c.subject.to.as_deref().unwrap_or("?"),
                c.period
                    .map(|p| p.to_string())
                    .unwrap_or_else(|| "-".into()),
                c.base.map(|p| p.to_string()).unwrap_or_else(|| "-".into()),
                if c.target { "target" } else { "fact" },
            )
        })
        .collect();
    assert_eq!(got, expect, "\n{text}");
}

#[test]
fn seed_paragraph() {
    check(
        "Belarus and Kazakhstan. In 2018, the bilateral trade reached $896 million (up 30% from the level of 2017). Belarus' export was $783.7 million (up 32.3%), import reached $112.3 million (up 15.6%).",
        &[
            "$896 million|Amount|turnover|896000000|Exact|BLR>KAZ|2018|-|fact",
            "up 30%|Change|turnover|30|Exact|BLR>KAZ|2018|2017|fact",
            "$783.7 million|Amount|exports|783700000|Exact|BLR>KAZ|2018|-|fact",
            "up 32.3%|Change|exports|32.3|Exact|BLR>KAZ|2018|2017|fact",
            "$112.3 million|Amount|imports|112300000|Exact|KAZ>BLR|2018|-|fact",
            "up 15.6%|Change|imports|15.6|Exact|KAZ>BLR|2018|2017|fact",
        ],
    );
}

#[test]
fn russian_forms() {
    check(
        "Товарооборот Беларуси и Казахстана в 2018 году составил 896 млн долларов. Экспорт Беларуси в Казахстан вырос на 32,3%.",
        &[
            "896 млн долларов|Amount|turnover|896000000|Exact|BLR>KAZ|2018|-|fact",
            "вырос на 32,3%|Change|exports|32.3|Exact|BLR>KAZ|2018|2017|fact",
        ],
    );
}

#[test]
fn investment_times_and_months() {
    check(
        "Kazakhstan and Belarus. In 2018 Kazakhstan's investments to the Belarusian economy exceeded $18.8 million (up 4.8 times from the level of 2017). In January-June 2019, the bilateral trade made up $481.7 million (up 11.8% from the same period of 2018).",
        &[
            "exceeded $18.8 million|Amount|investment|18800000|AtLeast|KAZ>BLR|2018|-|fact",
            "up 4.8 times|Change|investment|4.8|Exact|KAZ>BLR|2018|2017|fact",
            "$481.7 million|Amount|turnover|481700000|Exact|KAZ>BLR|2019 months 1-6|-|fact",
            "up 11.8%|Change|turnover|11.8|Exact|KAZ>BLR|2019 months 1-6|2018 months 1-6|fact",
        ],
    );
}

#[test]
fn counts() {
    check(
        "Belarus and Kazakhstan. There are 49 enterprises with the Kazakhstani capital in Belarus, including 13 joint and 36 foreign ventures. There are eight joint assembly plants for Belarusian machines.",
        &[
            "49 enterprises|Count|count:enterprises_with_partner_capital|49|Exact|KAZ>BLR|-|-|fact",
            "13 joint|Count|count:joint_ventures|13|Exact|KAZ>BLR|-|-|fact",
            "36 foreign ventures|Count|count:foreign_ventures|36|Exact|KAZ>BLR|-|-|fact",
            "eight joint assembly plants|Count|count:assembly_plants|8|Exact|BLR>KAZ|-|-|fact",
        ],
    );
}

#[test]
fn targets_and_vague() {
    check(
        "Belarus and Kazakhstan. We can hope for more than $1 billion worth of bilateral trade. We should have several billions.",
        &[
            "more than $1 billion|Amount|turnover|1000000000|AtLeast|BLR>KAZ|-|-|target",
            "several billions|Amount|turnover|-|Vague|BLR>KAZ|-|-|target",
        ],
    );
}

#[test]
fn direction_of_imports_to() {
    check(
        "In 2018 Kazakhstan imports oil products worth $24 million to Belarus.",
        &["$24 million|Amount|imports|24000000|Exact|KAZ>BLR|2018|-|fact"],
    );
}

#[test]
fn no_claims_from_years_dates_and_bare_numbers() {
    let (c, d) = extract(
        "On 28 August 2019 the roadmap for 2019-2020 was signed. 8204",
        None,
    );
    assert!(c.is_empty(), "{c:?}");
    assert_eq!(d.len(), 1);
}

#[test]
fn offsets_are_characters() {
    let t = "Экспорт — «896 млн долларов» в 2018 году.";
    let (c, _) = extract(t, None);
    let chars: Vec<char> = t.chars().collect();
    assert_eq!(
        chars[c[0].start..c[0].end].iter().collect::<String>(),
        c[0].text
    );
}

#[test]
fn amount_after_a_change_and_sentence_after_currency_abbreviation() {
    check(
        "Беларусь и Россия. Импорт из России в 2019 году вырос на 5% до 14,6 млрд долл. За первое полугодие 2019 года экспорт вырос в 1,2 раза.",
        &[
            "вырос на 5%|Change|imports|5|Exact|RUS>BLR|2019|2018|fact",
            "14,6 млрд долл.|Amount|imports|14600000000|Exact|RUS>BLR|2019|-|fact",
            "вырос в 1,2 раза|Change|exports|1.2|Exact|BLR>RUS|2019 months 1-6|2018 months 1-6|fact",
        ],
    );
    let (c, _) = extract(
        "Imports from Russia grew by 14.6 per cent to US$ 21.6 billion in 2018.",
        None,
    );
    assert_eq!(c[0].of, Some(1), "the change is about the amount after it");
}

#[test]
fn absolute_changes_points_and_fractions() {
    check(
        "Belarus and Russia. In 2018 exports of Belarus to Russia rose by USD 120 million, while imports fell by a third. Russia's share in Belarus' trade fell by 2.5 percentage points.",
        &[
            "rose by USD 120 million|Change|exports|120000000|Exact|BLR>RUS|2018|2017|fact",
            "fell by a third|Change|imports|-33.33333333333333|Exact|RUS>BLR|2018|2017|fact",
            "fell by 2.5 percentage points|Change|share|-2.5|Exact|RUS>BLR|2018|2017|fact",
        ],
    );
}

/// Compound amounts are one figure; separate figures are not merged.
#[test]
fn compound_amounts_are_one_figure() {
    check(
        "В 2018 году импорт Беларуси из Казахстана составил 12 млрд 304,1 млн долларов.",
        &["12 млрд 304,1 млн долларов|Amount|imports|12304100000|Exact|KAZ>BLR|2018|-|fact"],
    );
    check(
        "In 2018 exports of Belarus to Kazakhstan were $1 bln 250 mln.",
        &["$1 bln 250 mln|Amount|exports|1250000000|Exact|BLR>KAZ|2018|-|fact"],
    );
    // A part as large as the larger scale is not a part: two figures.
    let (claims, _) = extract(
        "In 2018 exports of Belarus to Kazakhstan were $5 billion 2,000 million dollars.",
        None,
    );
    assert_ne!(claims.first().and_then(|c| c.value), Some(7e9));
}

/// Number words with halves and the wire's percent abbreviation.
#[test]
fn halves_and_percent_abbreviations() {
    check(
        "In 2018 trade between Belarus and Kazakhstan reached two and a half billion dollars.",
        &["two and a half billion dollars|Amount|turnover|2500000000|Exact|BLR>KAZ|2018|-|fact"],
    );
    check(
        "В 2018 году товарооборот Беларуси и Казахстана составил полтора миллиарда долларов.",
        &["полтора миллиарда долларов|Amount|turnover|1500000000|Exact|BLR>KAZ|2018|-|fact"],
    );
    check(
        "В 2018 году экспорт Беларуси в Казахстан вырос на 12,5 проц.",
        &["вырос на 12,5 проц.|Change|exports|12.5|Exact|BLR>KAZ|2018|2017|fact"],
    );
}

#[test]
fn ranks_in_words_and_what_is_no_rank() {
    // A singular superlative before a partner word is rank 1; an ordinal before it is that
    // rank and the superlative adds no second claim.
    check(
        "In 2020 Russia was the biggest trading partner of Belarus.",
        &["biggest|Rank|rank:trade|1|Exact|BLR>RUS|2020|-|fact"],
    );
    check(
        "In 2021 China was the second-largest supplier of Kazakhstan.",
        &["second|Rank|rank:imports|2|Exact|KAZ>CHN|2021|-|fact"],
    );
    // "one of the largest", a plural superlative and a superlative of no partner are no rank.
    check(
        "In 2021 China was one of the largest trading partners of Kazakhstan.",
        &[],
    );
    check(
        "В 2021 году Китай был одним из крупнейших торговых партнёров Казахстана.",
        &[],
    );
    check(
        "In 2021 the largest export item of Belarus was potash.",
        &[],
    );
    // "в 2019-м году" is a year, not the 2019th place.
    check(
        "В 2019-м году Беларусь заняла 37-е место среди торговых партнёров Китая.",
        &["37-е|Rank|rank:trade|37|Exact|CHN>BLR|2019|-|fact"],
    );
}

#[test]
fn ratio_words_with_bounds_and_what_is_no_ratio() {
    check(
        "In 2021 exports of Belarus to Poland more than doubled.",
        &["more than doubled|Change|exports|2|AtLeast|BLR>POL|2021|2020|fact"],
    );
    check(
        "In 2020 imports of Kazakhstan from Turkey fell threefold.",
        &["fell threefold|Change|imports|0.3333333333333333|Exact|TUR>KAZ|2020|2019|fact"],
    );
    // "double taxation" and "a twofold aim" state no change.
    check(
        "In 2020 Belarus and Vietnam signed an agreement on the avoidance of double taxation.",
        &[],
    );
}

#[test]
fn amounts_in_other_currencies_are_never_dollars() {
    let (claims, _) = extract(
        "In 2021 trade between Russia and Belarus reached two trillion roubles ($27.1 bln).",
        None,
    );
    let units: Vec<(&str, &str, Option<f64>)> = claims
        .iter()
        .map(|c| (c.text.as_str(), c.unit.as_str(), c.value))
        .collect();
    assert_eq!(
        units,
        [
            ("two trillion roubles", "RUB", Some(2e12)),
            ("$27.1 bln", "USD", Some(27.1e9))
        ]
    );
    let one = |t: &str| {
        let (c, _) = extract(t, None);
        assert_eq!(c.len(), 1, "{t}: {c:?}");
        (c[0].text.clone(), c[0].unit.clone())
    };
    assert_eq!(
        one("Товарооборот Беларуси и России в 2021 году составил 3,2 трлн российских рублей."),
        ("3,2 трлн российских рублей".into(), "RUB".into())
    );
    assert_eq!(
        one("Экспорт Беларуси в Россию в 2021 году составил 54 млрд белорусских рублей."),
        ("54 млрд белорусских рублей".into(), "BYN".into())
    );
    assert_eq!(
        one("In 2022 EU imports from Kazakhstan reached €25.6 billion."),
        ("€25.6 billion".into(), "EUR".into())
    );
    assert_eq!(
        one("Экспорт Казахстана в Китай в 2022 году составил 120 млрд юаней."),
        ("120 млрд юаней".into(), "CNY".into())
    );
    assert_eq!(
        one("В 2022 году товарооборот Казахстана и России составил 12 трлн тенге."),
        ("12 трлн тенге".into(), "KZT".into())
    );
}

#[test]
fn a_dollar_equivalent_beside_a_foreign_amount_is_linked_both_ways() {
    let links = |t: &str| -> Vec<(String, Option<usize>)> {
        extract(t, None)
            .0
            .into_iter()
            .map(|c| (c.text, c.equivalent))
            .collect()
    };
    assert_eq!(
        links("In 2021 trade between Russia and Belarus reached two trillion roubles ($27.1 bln)."),
        [
            ("two trillion roubles".to_string(), Some(1)),
            ("$27.1 bln".to_string(), Some(0))
        ]
    );
    assert_eq!(
        links("In 2022 EU imports from Kazakhstan reached $27.3 billion, or about €25.6 billion."),
        [
            ("$27.3 billion".to_string(), Some(1)),
            ("€25.6 billion".to_string(), Some(0))
        ]
    );
    let ru = links(
        "Экспорт Беларуси в Россию в 2021 году составил 54 млрд белорусских рублей, что эквивалентно $21,2 млрд.",
    );
    assert_eq!(
        ru.iter().map(|c| c.1).collect::<Vec<_>>(),
        [Some(1), Some(0)],
        "{ru:?}"
    );
    // Two dollar figures, or a foreign one far from the dollars, are no equivalents.
    let none = links(
        "In 2021 exports reached $5.1 billion and imports $2.3 billion; in roubles the turnover was \
         540 billion roubles, the ministry said, while the dollar figure was $7.4 billion.",
    );
    assert!(none.iter().all(|c| c.1.is_none()), "{none:?}");
}

#[test]
fn a_tonnage_knows_its_product_before_or_after_it() {
    let product = |t: &str| -> Vec<Option<String>> {
        extract(t, None)
            .0
            .into_iter()
            .filter(|c| c.kind == ClaimKind::Quantity)
            .map(|c| c.product.map(|p| p.name))
            .collect()
    };
    assert_eq!(
        product("In 2021 Kazakhstan exported 48,200 tonnes of durum wheat to Uzbekistan."),
        [Some("wheat".to_string())]
    );
    assert_eq!(
        product("В 2021 году экспорт пшеницы из Казахстана в Узбекистан составил 1,2 млн тонн."),
        [Some("wheat".to_string())]
    );
    assert_eq!(
        product("In 2018 Ecuador shipped 12.5 thousand tonnes of frozen shrimp to China."),
        [Some("shrimp".to_string())]
    );
    assert_eq!(
        product("In 2021 Belarus exported 350 thousand tonnes to Kazakhstan."),
        [None]
    );
    let (c, _) = extract(
        "В 2021 году поставки сахара в Казахстан составили 350 тыс. т.",
        None,
    );
    let codes = c[0].product.as_ref().map(|p| p.codes.clone());
    assert_eq!(codes, Some(vec!["1701".to_string()]));
}

#[test]
fn physical_quantities_are_not_money() {
    let (claims, _) = extract(
        "In 2021 Kazakhstan exported 48,200 tonnes of wheat to Uzbekistan worth $12.6 million.",
        None,
    );
    let got: Vec<(&str, ClaimKind, &str, Option<f64>)> = claims
        .iter()
        .map(|c| (c.text.as_str(), c.kind, c.unit.as_str(), c.value))
        .collect();
    assert_eq!(
        got,
        [
            ("48,200 tonnes", ClaimKind::Quantity, "t", Some(48_200.0)),
            ("$12.6 million", ClaimKind::Amount, "USD", Some(12.6e6))
        ]
    );
    let (claims, _) = extract(
        "Экспорт зерна из Казахстана в Узбекистан в 2021 году составил 1,2 млн тонн (рост на 8%).",
        None,
    );
    assert_eq!(claims[0].text, "1,2 млн тонн");
    assert_eq!(claims[0].kind, ClaimKind::Quantity);
    assert_eq!(claims[0].value, Some(1.2e6));
    assert_eq!(claims[1].of, Some(0), "the growth is the tonnage's");
    let (claims, _) = extract("Поставки в 2021 году составили 350 тыс. т.", None);
    assert_eq!(
        (claims[0].text.as_str(), claims[0].value),
        ("350 тыс. т", Some(350e3))
    );
}

#[test]
fn a_flows_share_of_mutual_trade() {
    check(
        "In 2018 Belarus' exports made up 87.5% of its trade with Kazakhstan.",
        &["87.5%|Share|share:exports_in_trade|87.5|Exact|BLR>KAZ|2018|-|fact"],
    );
    check(
        "В 2018 году доля экспорта в товарообороте Беларуси с Казахстаном составила 87,5%.",
        &["87,5%|Share|share:exports_in_trade|87.5|Exact|BLR>KAZ|2018|-|fact"],
    );
    // A share of the partner's exports stays an export share.
    check(
        "In 2018 the share of Kazakhstan in Belarus' exports was 2.8%.",
        &["2.8%|Share|share:exports|2.8|Exact|BLR>KAZ|2018|-|fact"],
    );
}

#[test]
fn groups_are_named_not_replaced_by_the_articles_pair() {
    check(
        "Belarus and Kazakhstan signed a roadmap. In 2019 the EU was Belarus's second largest trading partner.",
        &["second|Rank|rank:trade|2|Exact|BLR>EU27|2019|-|fact"],
    );
    check(
        "В 2021 году экспорт Беларуси в ЕАЭС составил 24,5 млрд долларов.",
        &["24,5 млрд долларов|Amount|exports|24500000000|Exact|BLR>EAEU|2021|-|fact"],
    );
}

#[test]
fn surpluses_and_deficits_are_the_balance() {
    check(
        "In 2018 Belarus had a surplus of $671.4 million in its trade with Kazakhstan.",
        &["$671.4 million|Amount|balance|671400000|Exact|BLR>KAZ|2018|-|fact"],
    );
    check(
        "In 2018 Kazakhstan ran a $671.4 million deficit in trade with Belarus.",
        &["$671.4 million|Amount|balance|-671400000|Exact|KAZ>BLR|2018|-|fact"],
    );
    check(
        "В 2018 году отрицательное сальдо Казахстана в торговле с Беларусью составило 671,4 млн долларов.",
        &["671,4 млн долларов|Amount|balance|-671400000|Exact|KAZ>BLR|2018|-|fact"],
    );
}
