//! The `lotse` binary.
fn main() {
    println!("lotse");
}
