//! The server's memory as the kernel counts it: `VmRSS` (resident now) and `VmHWM`
//! (the most it was ever resident) from `/proc/<pid>/status`.

use serde::Serialize;

/// Resident memory of a process, in KiB.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Resident {
    pub rss_kib: u64,
    pub peak_kib: u64,
}

/// The memory of process `pid`, or `None` when it cannot be read (no `/proc`, gone).
pub fn resident(pid: u32) -> Option<Resident> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    parse(&status)
}

fn parse(status: &str) -> Option<Resident> {
    let field = |name: &str| {
        status
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
    };
    Some(Resident {
        rss_kib: field("VmRSS:")?,
        peak_kib: field("VmHWM:")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_kernels_status_format() {
        let status = "Name:\tlotse\nVmHWM:\t   20480 kB\nVmRSS:\t   12288 kB\nThreads:\t4\n";
        assert_eq!(
            parse(status),
            Some(Resident {
                rss_kib: 12288,
                peak_kib: 20480
            })
        );
        assert_eq!(parse("Name:\tkthreadd\n"), None);
    }

    #[test]
    fn this_process_has_memory() {
        let me = resident(std::process::id()).expect("Linux has /proc");
        assert!(me.rss_kib > 0 && me.peak_kib >= me.rss_kib);
    }
}
