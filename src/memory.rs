//! Memory: what this process holds now, and how many typst processes fit beside it in a
//! budget. A national batch loads 100,000 claimants (about 160 MB) before it compiles; two
//! typst processes of about 100 MB each beside it would pass a 300 MB budget, one does not.

/// What one typst process compiling a session, or a part of one, holds at its peak, measured:
/// 56-84 MB for 10-13 letters, about 100 MB for 20; a part of a large session (at most
/// `letters_per_typst` letters, 30, or `rows_per_typst` table rows, 500) 105-115 MB.
pub const TYPST_PEAK_MB: u64 = 110;

/// Keep the allocator from holding freed memory. Each session renders and zips buffers of a
/// few MB; glibc's default lets its threshold for returning them to the system rise, and the
/// freed space then stays in the process, scattered: at 500 sessions the tool held 76 MB,
/// with a fixed threshold 30 MB (the same build). Linux with glibc only.
pub fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets allocator parameters; called once, at start, before any
    // thread is spawned.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 64 * 1024);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 128 * 1024);
    }
}

/// The resident memory of this process, in MB, where the system says (Linux).
pub fn own_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kb / 1024)
}

/// How many typst processes to run at once, at most `wanted`, so that this process and
/// they stay within `budget_mb`; never fewer than one.
pub fn jobs_within(budget_mb: u64, wanted: usize) -> usize {
    match own_mb() {
        Some(own) => {
            let room = budget_mb.saturating_sub(own) / TYPST_PEAK_MB;
            usize::try_from(room)
                .unwrap_or(usize::MAX)
                .clamp(1, wanted.max(1))
        }
        None => wanted.max(1),
    }
}
