//! Child processes (typst, and the workbook reader): no shell, output captured, a time limit,
//! and lives tied to ours. Each child runs in its own process group, so stopping it stops
//! everything it started; on Linux it is killed when the tool dies, even by `kill -9`
//! (`PR_SET_PDEATHSIG`), so no typst outlives the build that started it.

use std::io::{Read, Write};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// How a child process ended.
pub enum Ran {
    Finished(Output),
    /// Still running after the time allowed: killed.
    TimedOut {
        stderr: Vec<u8>,
    },
    /// Killed because the user asked the tool to stop (SIGINT, SIGTERM).
    Stopped(i32),
}

/// Limits a child runs under, besides the time the caller allows.
#[derive(Debug, Clone, Copy, Default)]
pub struct Limits {
    /// Most address space, in bytes (unix: `RLIMIT_AS`): an allocation past it fails.
    pub memory_bytes: Option<u64>,
    /// Most CPU time, in seconds (unix: `RLIMIT_CPU`): the kernel stops a child spinning.
    pub cpu_seconds: Option<u64>,
}

/// Give `cmd` an empty environment: nothing of the caller's but what the platform needs to
/// start a program (Windows' system folders).
pub fn empty_environment(cmd: &mut Command) {
    cmd.env_clear();
    if cfg!(windows) {
        for var in ["SYSTEMROOT", "WINDIR", "TEMP", "TMP"] {
            if let Some(value) = std::env::var_os(var) {
                cmd.env(var, value);
            }
        }
    }
}

/// Tie `cmd`'s life to ours and apply `limits`, where the platform allows.
fn prepare(cmd: &mut Command, limits: Limits) {
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        // Its own process group, so stopping it stops anything it started too.
        cmd.process_group(0);
        #[cfg(target_os = "linux")]
        // SAFETY: `getpid`, `prctl`, `getppid`, `setrlimit` and `_exit` are async-signal-safe;
        // nothing is allocated between fork and exec.
        let parent = unsafe { libc::getpid() };
        // SAFETY: as above.
        unsafe {
            cmd.pre_exec(move || {
                #[cfg(target_os = "linux")]
                {
                    // Killed when the thread that started it ends: the thread waits for it.
                    libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
                    if libc::getppid() != parent {
                        libc::_exit(137); // the tool died before the line above ran
                    }
                }
                for (resource, value) in [
                    (libc::RLIMIT_AS, limits.memory_bytes),
                    (libc::RLIMIT_CPU, limits.cpu_seconds),
                ] {
                    if let Some(v) = value {
                        let hard = if resource == libc::RLIMIT_CPU {
                            v + 5
                        } else {
                            v
                        };
                        let limit = libc::rlimit {
                            rlim_cur: v as libc::rlim_t,
                            rlim_max: hard as libc::rlim_t,
                        };
                        libc::setrlimit(resource, &limit);
                    }
                }
                Ok(())
            });
        }
    }
    #[cfg(not(unix))]
    let _ = (cmd, limits);
}

/// Run `cmd` with `input` on its standard input and its output captured, killing it (and
/// everything it started) if it runs longer than `timeout` or the user asks the tool to stop.
pub fn run(
    cmd: &mut Command,
    input: &[u8],
    timeout: Duration,
    limits: Limits,
) -> std::io::Result<Ran> {
    prepare(cmd, limits);
    let mut child = cmd
        .stdin(if input.is_empty() {
            Stdio::null()
        } else {
            Stdio::piped()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    // Feed and read every pipe while waiting, so a chatty child never blocks on a full one.
    std::thread::scope(|scope| {
        if let Some(mut stdin) = child.stdin.take() {
            scope.spawn(move || {
                // A child that stops reading (it failed, or was killed) closes the pipe: fine.
                let _ = stdin.write_all(input);
            });
        }
        let mut stdout = child.stdout.take();
        let mut stderr = child.stderr.take();
        let out = scope.spawn(move || {
            let mut b = Vec::new();
            if let Some(s) = stdout.as_mut() {
                let _ = s.read_to_end(&mut b);
            }
            b
        });
        let err = scope.spawn(move || {
            let mut b = Vec::new();
            if let Some(s) = stderr.as_mut() {
                let _ = s.read_to_end(&mut b);
            }
            b
        });
        let deadline = Instant::now() + timeout;
        let mut stopped = None;
        let status = loop {
            if let Some(status) = child.try_wait()? {
                break Some(status);
            }
            stopped = crate::stop::requested();
            if Instant::now() >= deadline || stopped.is_some() {
                kill(&mut child);
                break None;
            }
            std::thread::sleep(Duration::from_millis(10));
        };
        let stdout = out.join().unwrap_or_default();
        let stderr = err.join().unwrap_or_default();
        Ok(match (status, stopped) {
            (Some(status), _) => Ran::Finished(Output {
                status,
                stdout,
                stderr,
            }),
            (None, Some(signal)) => Ran::Stopped(signal),
            (None, None) => Ran::TimedOut { stderr },
        })
    })
}

/// Kill a child and its process group, and reap it.
fn kill(child: &mut std::process::Child) {
    #[cfg(unix)]
    if let Ok(pgid) = i32::try_from(child.id()) {
        // SAFETY: killpg only sends a signal; the group is the child's own (`prepare`).
        unsafe {
            libc::killpg(pgid, libc::SIGKILL);
        }
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// The signal that ended a process, with what it usually means, if a signal did.
pub fn signal_of(status: &std::process::ExitStatus) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            let name = match signal {
                6 => " (SIGABRT: it aborted, often a stack overflow or a failed allocation)",
                9 => " (SIGKILL: killed, often for want of memory)",
                11 => " (SIGSEGV: it crashed)",
                15 => " (SIGTERM)",
                24 => " (SIGXCPU: it used all the processor time allowed)",
                _ => "",
            };
            return Some(format!("signal {signal}{name}"));
        }
    }
    #[cfg(not(unix))]
    let _ = status;
    None
}
