//! The server's CPU time (user + system) from `/proc/<pid>/stat`.
//!
//! On a shared machine, throughput moves with whatever else runs; the CPU time the
//! server spends per request moves much less, so each row also reports it. It counts
//! every thread of the process: the HTTP runtime and the database's worker threads.

use std::time::Duration;

/// Clock ticks per second of `/proc` times. Linux fixes `USER_HZ` at 100 on every
/// architecture it exports to user space, so it is not asked for (that needs libc).
const TICKS_PER_SECOND: u64 = 100;

/// CPU time process `pid` has used so far, or `None` when it cannot be read.
pub fn used(pid: u32) -> Option<Duration> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    parse(&stat)
}

fn parse(stat: &str) -> Option<Duration> {
    // The command name is in parentheses and may contain spaces: count fields after it.
    let (_, rest) = stat.rsplit_once(')')?;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // `rest` starts at field 3 (state); utime and stime are fields 14 and 15.
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 1000 / TICKS_PER_SECOND))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_user_and_system_time_even_with_spaces_in_the_name() {
        let stat = "4242 (lotse (x) y) S 1 4242 4242 0 -1 4194560 900 0 0 0 250 50 0 0 20 0 6 0";
        assert_eq!(parse(stat), Some(Duration::from_secs(3)));
        assert_eq!(parse("garbage"), None);
    }

    #[test]
    fn this_process_has_a_cpu_time() {
        assert!(used(std::process::id()).is_some());
    }
}
