//! Decimal numbers as people type them into fields (`12`, `-3.5`, `1e3`), read without
//! the standard library's float parser.
//!
//! `str::parse::<f64>` is exact for every input, and pays for that with about 20 KB of
//! tables and code in the browser app's WebAssembly. Values here are compared with a
//! field's or a condition's bounds, so exactness matters only where a person could see
//! it: numbers of up to 15 significant digits with small exponents are read exactly
//! (the classic fast path: a whole number times or divided by an exact power of ten,
//! one rounding), others within a few units of the last place. Browser and server read
//! every value with this same function, so they always agree.

/// The number `text` spells, or `None`. Accepted: an optional sign, digits with at most
/// one decimal point (`.5` and `5.` too), an optional exponent (`e3`, `E-2`). Not
/// accepted: spaces, `inf`, `NaN`, hex, digit separators; results that overflow.
pub fn parse(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let mut i = 0;
    let negative = match bytes.first() {
        Some(b'-') => {
            i += 1;
            true
        }
        Some(b'+') => {
            i += 1;
            false
        }
        _ => false,
    };
    // Up to 19 significant digits fit a u64; later ones only move the exponent.
    let mut mantissa: u64 = 0;
    let mut digits = 0;
    let mut significant = 0;
    let mut exponent: i64 = 0;
    let mut point = false;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'0'..=b'9' => {
                digits += 1;
                if significant < 19 {
                    if mantissa > 0 || b != b'0' {
                        significant += 1;
                    }
                    mantissa = mantissa * 10 + u64::from(b - b'0');
                    if point {
                        exponent -= 1;
                    }
                } else if !point {
                    exponent += 1;
                }
            }
            b'.' if !point => point = true,
            _ => break,
        }
        i += 1;
    }
    if digits == 0 {
        return None;
    }
    if let Some(b'e' | b'E') = bytes.get(i) {
        i += 1;
        let sign = match bytes.get(i) {
            Some(b'-') => {
                i += 1;
                -1
            }
            Some(b'+') => {
                i += 1;
                1
            }
            _ => 1,
        };
        let start = i;
        let mut e: i64 = 0;
        while let Some(&b @ b'0'..=b'9') = bytes.get(i) {
            e = (e * 10 + i64::from(b - b'0')).min(100_000);
            i += 1;
        }
        if i == start {
            return None;
        }
        exponent += sign * e;
    }
    if i != bytes.len() {
        return None;
    }
    let value = scale(mantissa as f64, exponent);
    let value = if negative { -value } else { value };
    value.is_finite().then_some(value)
}

/// `m × 10^e`: exact powers of ten up to 10^22, one multiplication or division each.
fn scale(m: f64, e: i64) -> f64 {
    if m == 0.0 {
        return 0.0;
    }
    let mut value = m;
    let mut e = e;
    while e > 22 {
        value *= 1e22;
        e -= 22;
    }
    while e < -22 {
        value /= 1e22;
        e += 22;
    }
    let power = POWERS[e.unsigned_abs() as usize];
    if e >= 0 { value * power } else { value / power }
}

/// 10^0 to 10^22: every one exactly representable in an f64.
const POWERS: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reads_what_people_type() {
        for (text, want) in [
            ("12", 12.0),
            ("-3.5", -3.5),
            ("+7", 7.0),
            ("0.1", 0.1),
            (".5", 0.5),
            ("5.", 5.0),
            ("1e3", 1000.0),
            ("2.5E-2", 0.025),
            ("007", 7.0),
            ("0", 0.0),
        ] {
            assert_eq!(parse(text), Some(want), "{text}");
        }
    }

    #[test]
    fn long_numbers_come_out_within_the_last_places() {
        for text in [
            "123456789012345678901234",
            "0.000000000000000000000000012345",
            "9e300",
        ] {
            let (got, exact) = (parse(text).unwrap(), text.parse::<f64>().unwrap());
            assert!(
                ((got - exact) / exact).abs() < 1e-14,
                "{text}: {got} vs {exact}"
            );
        }
    }

    #[test]
    fn refuses_what_is_not_a_plain_number() {
        for text in [
            "", "-", ".", "ten", "1.2.3", "1,5", " 1", "1 ", "inf", "NaN", "1e", "1e+", "0x10",
            "1e400", "--1",
        ] {
            assert_eq!(parse(text), None, "{text}");
        }
    }

    proptest! {
        /// Up to 15 significant digits and small exponents: exactly the standard parser.
        #[test]
        fn agrees_with_the_standard_parser(
            whole in 0u64..1_000_000_000,
            fraction in 0u64..1_000_000,
            places in 0usize..6,
            exponent in -10i32..10,
            negative in any::<bool>(),
        ) {
            let text = format!(
                "{}{whole}.{:0places$}e{exponent}",
                if negative { "-" } else { "" },
                fraction % 10u64.pow(places as u32),
            );
            prop_assert_eq!(parse(&text), text.parse::<f64>().ok());
        }
    }
}
