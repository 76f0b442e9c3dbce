//! Typed fields of `input` nodes and the rules their values must follow.
//!
//! The same check runs in the browser (inline messages) and on the server (a hand-off
//! is refused when a value breaks its field's rule), so both agree by construction.

use super::Localized;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// Matches a whole value against a field's `pattern`; `false` also for a pattern the
/// engine cannot compile.
pub type PatternMatcher = fn(pattern: &str, value: &str) -> bool;

static MATCHER: OnceLock<PatternMatcher> = OnceLock::new();

/// Lets fields without the `regex` feature check patterns with another engine: the
/// browser app uses the browser's own `RegExp` rather than ship a regex engine in its
/// bundle. The first call wins.
pub fn use_pattern_matcher(matcher: PatternMatcher) {
    let _ = MATCHER.set(matcher);
}

/// Whether `value` matches `pattern` as a whole. With the `regex` feature (the server),
/// `regex-lite` decides; without it the matcher given to [`use_pattern_matcher`] does,
/// and with none every value passes: the server checks again and is the authority.
fn pattern_matches(pattern: &str, value: &str) -> bool {
    #[cfg(feature = "regex")]
    {
        let whole = format!("^(?:{pattern})$");
        regex_lite::Regex::new(&whole).is_ok_and(|re| re.is_match(value))
    }
    #[cfg(not(feature = "regex"))]
    {
        MATCHER.get().is_none_or(|matches| matches(pattern, value))
    }
}

/// One field of an input node. Its value becomes the fact `name`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// Fact name the value is stored under.
    pub name: String,
    pub label: Localized,
    /// A hint shown below the field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Localized>,
    #[serde(rename = "type")]
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub kind: FieldKind,
    #[serde(default)]
    pub required: bool,
    /// Lower bound: the value for `number`, the length in characters for texts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// Upper bound, as `min`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// A regular expression the whole value must match (`text` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    /// The choices of a `choice` field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<Choice>,
}

/// One option of a `choice` field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub value: String,
    pub label: Localized,
}

/// The type of a field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum FieldKind {
    Text,
    LongText,
    Number,
    Choice,
    Email,
    Phone,
    Date,
    /// A name no version of Lotse knows; validation reports it.
    Unknown(String),
}

impl FieldKind {
    pub const ALL: [FieldKind; 7] = [
        FieldKind::Text,
        FieldKind::LongText,
        FieldKind::Number,
        FieldKind::Choice,
        FieldKind::Email,
        FieldKind::Phone,
        FieldKind::Date,
    ];

    pub fn name(&self) -> &str {
        match self {
            FieldKind::Text => "text",
            FieldKind::LongText => "long_text",
            FieldKind::Number => "number",
            FieldKind::Choice => "choice",
            FieldKind::Email => "email",
            FieldKind::Phone => "phone",
            FieldKind::Date => "date",
            FieldKind::Unknown(name) => name,
        }
    }
}

impl From<String> for FieldKind {
    fn from(name: String) -> Self {
        FieldKind::ALL
            .into_iter()
            .find(|k| k.name() == name)
            .unwrap_or(FieldKind::Unknown(name))
    }
}

impl From<FieldKind> for String {
    fn from(kind: FieldKind) -> Self {
        kind.name().to_owned()
    }
}

/// Longest value any field accepts, whatever its bounds say: facts travel in every
/// hand-off, so they stay small.
pub const MAX_VALUE_CHARS: usize = 4000;

/// Why a value does not fit its field. Front ends translate these into messages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum FieldError {
    Required,
    TooShort { min: f64 },
    TooLong { max: f64 },
    NotANumber,
    BelowMin { min: f64 },
    AboveMax { max: f64 },
    NotAnOption,
    NotAnEmail,
    NotAPhone,
    NotADate,
    PatternMismatch,
}

impl Field {
    /// Checks one value (already trimmed by the caller or not: surrounding spaces are
    /// ignored). An empty optional field is fine.
    pub fn check(&self, value: &str) -> Result<(), FieldError> {
        let value = value.trim();
        if value.is_empty() {
            return if self.required {
                Err(FieldError::Required)
            } else {
                Ok(())
            };
        }
        let chars = value.chars().count();
        if chars > MAX_VALUE_CHARS {
            return Err(FieldError::TooLong {
                max: MAX_VALUE_CHARS as f64,
            });
        }
        match self.kind {
            FieldKind::Number => {
                let n =
                    crate::number::parse(&value.replace(',', ".")).ok_or(FieldError::NotANumber)?;
                if let Some(min) = self.min.filter(|m| n < *m) {
                    return Err(FieldError::BelowMin { min });
                }
                if let Some(max) = self.max.filter(|m| n > *m) {
                    return Err(FieldError::AboveMax { max });
                }
                return Ok(());
            }
            FieldKind::Choice => {
                return if self.options.iter().any(|o| o.value == value) {
                    Ok(())
                } else {
                    Err(FieldError::NotAnOption)
                };
            }
            FieldKind::Email if !is_email(value) => return Err(FieldError::NotAnEmail),
            FieldKind::Phone if !is_phone(value) => return Err(FieldError::NotAPhone),
            FieldKind::Date if !is_date(value) => return Err(FieldError::NotADate),
            _ => {}
        }
        if let Some(min) = self.min.filter(|m| (chars as f64) < *m) {
            return Err(FieldError::TooShort { min });
        }
        if let Some(max) = self.max.filter(|m| (chars as f64) > *m) {
            return Err(FieldError::TooLong { max });
        }
        if let Some(pattern) = &self.pattern {
            // An invalid pattern is a validation error of the tree; here it cannot match.
            if !pattern_matches(pattern, value) {
                return Err(FieldError::PatternMismatch);
            }
        }
        Ok(())
    }
}

/// A plausible address: one `@`, something before it, a dot in the domain, no spaces.
/// Deliverability is the mail server's business; this catches typos.
pub fn is_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !value.contains(char::is_whitespace)
        && !domain.contains('@')
        && value.len() <= 254
}

/// Digits with the separators people write (`+49 30 1234-567`, `(030) 123 45`), 5 to 20
/// digits in all.
pub fn is_phone(value: &str) -> bool {
    let digits = value.chars().filter(char::is_ascii_digit).count();
    let allowed = |c: char| c.is_ascii_digit() || " +-/().".contains(c);
    (5..=20).contains(&digits)
        && value.chars().all(allowed)
        && value.chars().skip(1).all(|c| c != '+')
}

/// An ISO date `YYYY-MM-DD` that exists in the calendar.
pub fn is_date(value: &str) -> bool {
    let parts: Vec<&str> = value.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return false;
    }
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(kind: &str) -> Field {
        Field {
            name: "f".into(),
            label: Localized::from_pairs([("en", "F")]),
            help: None,
            kind: FieldKind::from(kind.to_owned()),
            required: true,
            min: None,
            max: None,
            pattern: None,
            options: vec![],
        }
    }

    #[test]
    fn required_and_optional_empty_values() {
        let mut f = field("text");
        assert_eq!(f.check("  "), Err(FieldError::Required));
        f.required = false;
        assert_eq!(f.check(""), Ok(()));
    }

    #[test]
    fn number_bounds() {
        let mut f = field("number");
        f.min = Some(1.0);
        f.max = Some(10.0);
        assert_eq!(f.check("5,5"), Ok(()));
        assert_eq!(f.check("0"), Err(FieldError::BelowMin { min: 1.0 }));
        assert_eq!(f.check("11"), Err(FieldError::AboveMax { max: 10.0 }));
        assert_eq!(f.check("ten"), Err(FieldError::NotANumber));
        assert_eq!(f.check("NaN"), Err(FieldError::NotANumber));
    }

    #[cfg(feature = "regex")]
    #[test]
    fn text_length_and_pattern() {
        let mut f = field("text");
        f.min = Some(2.0);
        f.max = Some(5.0);
        f.pattern = Some("[A-Z]+[0-9]*".into());
        assert_eq!(f.check("A"), Err(FieldError::TooShort { min: 2.0 }));
        assert_eq!(f.check("ABCDEF"), Err(FieldError::TooLong { max: 5.0 }));
        assert_eq!(f.check("AB12"), Ok(()));
        assert_eq!(f.check("ab12"), Err(FieldError::PatternMismatch));
        // The pattern must match the whole value, not a part of it.
        assert_eq!(f.check("AB-1"), Err(FieldError::PatternMismatch));
    }

    /// Without regex-lite (the browser app) the matcher handed in decides.
    #[cfg(not(feature = "regex"))]
    #[test]
    fn without_regex_the_given_matcher_decides() {
        let mut f = field("text");
        f.pattern = Some("yes".into());
        use_pattern_matcher(|pattern, value| pattern == value);
        assert_eq!(f.check("yes"), Ok(()));
        assert_eq!(f.check("no"), Err(FieldError::PatternMismatch));
    }

    #[test]
    fn email_phone_date_choice() {
        assert_eq!(field("email").check("anna@example.org"), Ok(()));
        assert_eq!(field("email").check("anna@"), Err(FieldError::NotAnEmail));
        assert_eq!(
            field("email").check("a b@x.de"),
            Err(FieldError::NotAnEmail)
        );
        assert_eq!(field("phone").check("+49 30 1234-567"), Ok(()));
        assert_eq!(field("phone").check("12"), Err(FieldError::NotAPhone));
        assert_eq!(field("phone").check("49+30123"), Err(FieldError::NotAPhone));
        assert_eq!(field("date").check("2024-02-29"), Ok(()));
        assert_eq!(field("date").check("2023-02-29"), Err(FieldError::NotADate));
        assert_eq!(field("date").check("29.02.2024"), Err(FieldError::NotADate));
        let mut c = field("choice");
        c.options = vec![Choice {
            value: "a".into(),
            label: Localized::from_pairs([("en", "A")]),
        }];
        assert_eq!(c.check("a"), Ok(()));
        assert_eq!(c.check("b"), Err(FieldError::NotAnOption));
    }

    #[test]
    fn overlong_values_are_refused_whatever_the_bounds() {
        let f = field("long_text");
        let long = "x".repeat(MAX_VALUE_CHARS + 1);
        assert!(matches!(f.check(&long), Err(FieldError::TooLong { .. })));
    }
}
