//! Stopping on request: SIGINT (Ctrl-C) and SIGTERM set a flag that every long step polls. A
//! running typst is killed with everything it started, no new session starts, the build
//! folder is removed, and the command says what was published before it exits 130 or 143. A
//! second Ctrl-C exits at once.

use std::sync::Arc;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

fn flag() -> &'static Arc<AtomicUsize> {
    static FLAG: OnceLock<Arc<AtomicUsize>> = OnceLock::new();
    FLAG.get_or_init(|| Arc::new(AtomicUsize::new(0)))
}

/// Catch SIGINT and SIGTERM from now on. Called once by the command line, never by tests of
/// the library.
pub fn install() {
    #[cfg(unix)]
    {
        // Output piped into `head` that closes early ends the process quietly, as it does
        // for other command-line tools, instead of a panic on a broken pipe.
        // SAFETY: restoring the default action of a signal is always sound.
        unsafe {
            libc::signal(libc::SIGPIPE, libc::SIG_DFL);
        }
        use signal_hook::consts::{SIGINT, SIGTERM};
        let stopping = Arc::new(std::sync::atomic::AtomicBool::new(false));
        for signal in [SIGINT, SIGTERM] {
            // A second signal while stopping ends the process at once: the shutdown is checked
            // before the first signal sets `stopping`.
            let _ = signal_hook::flag::register_conditional_shutdown(
                signal,
                128 + signal,
                stopping.clone(),
            );
            let _ = signal_hook::flag::register(signal, stopping.clone());
            let _ = signal_hook::flag::register_usize(signal, flag().clone(), signal as usize);
        }
    }
}

/// The signal that asked us to stop, if one did.
pub fn requested() -> Option<i32> {
    match flag().load(Ordering::SeqCst) {
        0 => None,
        n => i32::try_from(n).ok(),
    }
}

/// The name of a signal we stop on, for messages.
pub fn name(signal: i32) -> &'static str {
    match signal {
        2 => "SIGINT (Ctrl-C)",
        15 => "SIGTERM",
        _ => "a signal",
    }
}
