//! Conditions of `branch` nodes on facts gathered earlier in the walk.

use super::Facts;
use serde::{Deserialize, Serialize};

/// One rule of a branch: when the condition holds, go to `next`.
///
/// No `deny_unknown_fields` here: serde does not support it with `flatten`. A misspelt
/// test key still fails, because no [`Test`] variant is found then.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Rule {
    #[serde(flatten)]
    pub when: Condition,
    pub next: String,
}

/// A test of one fact. Written as `{ fact = "os", equals = "windows", next = "…" }`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Condition {
    pub fact: String,
    #[serde(flatten)]
    pub test: Test,
}

/// What a condition compares the fact with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Test {
    Equals(String),
    NotEquals(String),
    OneOf(Vec<String>),
    /// Numeric: the fact parsed as a number is below the bound.
    Below(f64),
    /// Numeric: the fact parsed as a number is above the bound.
    Above(f64),
}

impl Condition {
    /// Whether the condition holds for these facts. A missing fact or a non-number in a
    /// numeric test never matches (validation rules out the first for shipped trees).
    pub fn holds(&self, facts: &Facts) -> bool {
        let Some(value) = facts.get(&self.fact) else {
            return false;
        };
        match &self.test {
            Test::Equals(v) => value == v,
            Test::NotEquals(v) => value != v,
            Test::OneOf(vs) => vs.iter().any(|v| v == value),
            Test::Below(bound) => crate::number::parse(value.trim()).is_some_and(|n| n < *bound),
            Test::Above(bound) => crate::number::parse(value.trim()).is_some_and(|n| n > *bound),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(pairs: &[(&str, &str)]) -> Facts {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn rule(toml_text: &str) -> Rule {
        toml::from_str(toml_text).unwrap()
    }

    #[test]
    fn each_test_compares_as_documented() {
        let f = facts(&[("os", "windows"), ("rtt", "350")]);
        assert!(rule("fact='os'\nequals='windows'\nnext='a'").when.holds(&f));
        assert!(
            !rule("fact='os'\nnot_equals='windows'\nnext='a'")
                .when
                .holds(&f)
        );
        assert!(
            rule("fact='os'\none_of=['linux','windows']\nnext='a'")
                .when
                .holds(&f)
        );
        assert!(rule("fact='rtt'\nabove=300\nnext='a'").when.holds(&f));
        assert!(!rule("fact='rtt'\nbelow=300\nnext='a'").when.holds(&f));
        assert!(!rule("fact='os'\nbelow=300\nnext='a'").when.holds(&f));
    }

    #[test]
    fn missing_fact_never_matches() {
        let r = rule("fact='printer'\nnot_equals='x'\nnext='a'");
        assert!(!r.when.holds(&Facts::new()));
    }
}
