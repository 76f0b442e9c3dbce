//! How many synced writes per second the disk under the server's data folder takes.
//!
//! SQLite with `synchronous=FULL` syncs its write-ahead log once per commit, so this is
//! the ceiling for hand-offs committed one by one; the report prints it next to the
//! throughput, which tells at a glance whether the disk or the CPU sets the pace. The
//! probe overwrites a 1 MiB file in 4 KiB blocks, each followed by `fdatasync`, the way
//! the log is rewritten after a checkpoint.

use std::fs::OpenOptions;
use std::io::{Seek, SeekFrom, Write};
use std::path::Path;
use std::time::{Duration, Instant};

const BLOCK: usize = 4096;
const BLOCKS: u64 = 256;
/// Most syncs one probe makes, whatever the time.
const MAX_SYNCS: u64 = 50_000;

/// Synced 4 KiB writes per second in `folder`, measured for about `length`.
pub fn syncs_per_second(folder: &Path, length: Duration) -> Result<f64, String> {
    let path = folder.join("bench-fsync-probe");
    let probe = || -> std::io::Result<f64> {
        let mut file = OpenOptions::new()
            .create(true)
            .truncate(true)
            .write(true)
            .open(&path)?;
        let block = [0x5a_u8; BLOCK];
        for _ in 0..BLOCKS {
            file.write_all(&block)?;
        }
        file.sync_all()?;
        let started = Instant::now();
        let mut syncs = 0;
        while syncs < MAX_SYNCS && started.elapsed() < length {
            file.seek(SeekFrom::Start((syncs % BLOCKS) * BLOCK as u64))?;
            file.write_all(&block)?;
            file.sync_data()?;
            syncs += 1;
        }
        Ok(syncs as f64 / started.elapsed().as_secs_f64())
    };
    let result = probe();
    let _ = std::fs::remove_file(&path);
    result.map_err(|e| format!("cannot probe the disk in {}: {e}", folder.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_temporary_folder_takes_synced_writes() {
        let folder = std::env::temp_dir().join(format!("bench-disk-{}", std::process::id()));
        std::fs::create_dir_all(&folder).unwrap();
        let rate = syncs_per_second(&folder, Duration::from_millis(50));
        let left = folder.join("bench-fsync-probe").exists();
        std::fs::remove_dir_all(&folder).unwrap();
        assert!(rate.unwrap() > 0.0);
        assert!(!left, "the probe cleans up");
    }
}
