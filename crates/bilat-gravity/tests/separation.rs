//! ppmlhdfe's 18 separation test cases (`gravity/separation/NN.csv` under `$BILAT_DATA`):
//! columns y, x1.., id1.., and `separated` = 1 for separated observations. Each observation
//! must be classified exactly by the fe + relu checks, and the fit on the remaining sample
//! must converge.

mod common;

use bilat_gravity::{FitOptions, Formula, fit, separated_rows};
use common::{data_dir, read_csv};

fn check(case: u32) -> Result<(), String> {
    let path = data_dir().join(format!("gravity/separation/{case:02}.csv"));
    let frame = read_csv(&path, |_, _| true);
    let names = frame.names().to_vec();
    let xs: Vec<&str> = names
        .iter()
        .filter(|n| n.starts_with('x'))
        .map(String::as_str)
        .collect();
    let ids: Vec<&str> = names
        .iter()
        .filter(|n| n.starts_with("id"))
        .map(String::as_str)
        .collect();
    let mut formula = format!(
        "y ~ {}",
        if xs.is_empty() {
            "1".to_owned()
        } else {
            xs.join(" + ")
        }
    );
    if !ids.is_empty() {
        formula.push_str(&format!(" | {}", ids.join(" + ")));
    }
    let expected: Vec<usize> = match frame.column("separated") {
        Some(bilat_gravity::Column::Numeric(v)) => v
            .iter()
            .enumerate()
            .filter(|(_, s)| **s == 1.0)
            .map(|(i, _)| i)
            .collect(),
        _ => return Err(format!("case {case}: no numeric `separated` column")),
    };
    let got = separated_rows(
        &Formula::parse(&formula).unwrap(),
        &frame,
        &FitOptions::poisson(),
    )
    .map_err(|e| format!("case {case} ({formula}): {e}"))?;
    if got == expected {
        // Once the separated observations are gone the MLE exists: the fit must converge.
        let f = fit(
            &Formula::parse(&formula).unwrap(),
            &frame,
            &FitOptions::poisson(),
        )
        .map_err(|e| format!("case {case}: fit failed: {e}"))?;
        if f.converged && f.separated_rows == expected {
            Ok(())
        } else {
            Err(format!(
                "case {case}: fit converged {} with separated {:?}",
                f.converged, f.separated_rows
            ))
        }
    } else {
        Err(format!(
            "case {case} ({formula}): expected {expected:?}, got {got:?}"
        ))
    }
}

#[test]
fn all_eighteen_cases_are_classified_exactly() {
    let failures: Vec<String> = (1..=18).filter_map(|c| check(c).err()).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
