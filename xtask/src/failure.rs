//! The one error type of the build driver.
//!
//! Policy: a [`Failure`] is read by a person at a terminal or in a CI log, so its message
//! says what went wrong in words and, when there is a fix, exactly what to run. Nothing in
//! the driver panics on a condition a user can cause.

use std::fmt;

/// A step that could not be done, with a message meant for the person running the driver.
#[derive(Debug)]
pub struct Failure(String);

impl Failure {
    pub fn new(message: impl Into<String>) -> Self {
        Self(message.into())
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Adds what the driver was doing to a low-level error (`cannot read x: No such file`).
pub trait Explain<T> {
    fn explain(self, doing: impl FnOnce() -> String) -> Result<T, Failure>;
}

impl<T, E: fmt::Display> Explain<T> for Result<T, E> {
    fn explain(self, doing: impl FnOnce() -> String) -> Result<T, Failure> {
        self.map_err(|error| Failure(format!("{}: {error}", doing())))
    }
}
