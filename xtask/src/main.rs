//! Build driver.
fn main() {}
