//! `scripts/setup.sh` installs typst from its release archive, checked against the SHA-256
//! pinned in the repository: tried against archives served from 127.0.0.1, as a mirror would
//! serve them. A good archive installs; an altered one is refused and leaves nothing behind.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The archive setup.sh asks for on this machine.
fn asset() -> String {
    format!("typst-{}-unknown-linux-musl.tar.xz", std::env::consts::ARCH)
}

/// Serves the files of `dir` over HTTP on 127.0.0.1; counts the requests.
fn serve(dir: PathBuf) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let requests = Arc::new(AtomicUsize::new(0));
    let counted = requests.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            counted.fetch_add(1, Ordering::SeqCst);
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            let _ = reader.read_line(&mut line);
            loop {
                let mut header = String::new();
                if reader.read_line(&mut header).unwrap_or(0) == 0 || header.trim().is_empty() {
                    break;
                }
            }
            let name = line
                .split_whitespace()
                .nth(1)
                .unwrap_or("/")
                .trim_start_matches('/');
            let found = (!name.contains('/') && !name.contains(".."))
                .then(|| std::fs::read(dir.join(name)).ok())
                .flatten();
            let _ = match found {
                Some(bytes) => stream
                    .write_all(
                        format!(
                            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                            bytes.len()
                        )
                        .as_bytes(),
                    )
                    .and_then(|_| stream.write_all(&bytes)),
                None => stream.write_all(
                    b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                ),
            };
        }
    });
    (url, requests)
}

/// A release archive as typst lays it out, holding a stand-in typst that says its version.
fn archive(dir: &Path) -> PathBuf {
    let target = asset()
        .trim_start_matches("typst-")
        .trim_end_matches(".tar.xz")
        .to_string();
    let inner = dir.join("staging").join(format!("typst-{target}"));
    std::fs::create_dir_all(&inner).unwrap();
    std::fs::write(
        inner.join("typst"),
        "#!/bin/sh\necho 'typst 0.15.1 (served from 127.0.0.1)'\n",
    )
    .unwrap();
    let served = dir.join("served");
    std::fs::create_dir_all(&served).unwrap();
    let file = served.join(asset());
    let ok = Command::new("tar")
        .arg("-cJf")
        .arg(&file)
        .arg("-C")
        .arg(dir.join("staging"))
        .arg(format!("typst-{target}"))
        .status()
        .unwrap();
    assert!(ok.success());
    file
}

fn sha256(path: &Path) -> String {
    use sha2::{Digest, Sha256};
    format!("{:x}", Sha256::digest(std::fs::read(path).unwrap()))
}

/// Run `scripts/setup.sh --typst-only` of `scripts` against `mirror`, with a cache, a home
/// and a temporary folder of its own, and no cargo on the PATH.
fn setup(scripts: &Path, mirror: &str, dir: &Path) -> std::process::Output {
    for d in ["cache", "home", "tmp"] {
        std::fs::create_dir_all(dir.join(d)).unwrap();
    }
    Command::new("bash")
        .arg(scripts.join("setup.sh"))
        .arg("--typst-only")
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", dir.join("home"))
        .env("XDG_CACHE_HOME", dir.join("cache"))
        .env("TMPDIR", dir.join("tmp"))
        .env("SESSIONPACK_TYPST_MIRROR", mirror)
        .output()
        .unwrap()
}

fn installed(dir: &Path) -> PathBuf {
    dir.join("cache/sessionpack/typst-0.15.1/bin/typst")
}

fn repo_scripts() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts")
}

#[test]
fn a_release_archive_matching_its_pinned_sum_is_installed() {
    let dir = tempfile::tempdir().unwrap();
    let file = archive(dir.path());
    // The repository's script beside a sums file pinning this archive.
    let scripts = dir.path().join("scripts");
    std::fs::create_dir_all(&scripts).unwrap();
    std::fs::copy(repo_scripts().join("setup.sh"), scripts.join("setup.sh")).unwrap();
    std::fs::write(
        scripts.join("typst-0.15.1.sha256"),
        format!("{}  {}\n", sha256(&file), asset()),
    )
    .unwrap();
    let (url, requests) = serve(dir.path().join("served"));
    let out = setup(&scripts, &url, dir.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("SHA-256 checked"), "{stderr}");
    assert_eq!(requests.load(Ordering::SeqCst), 1);
    let version = Command::new(installed(dir.path()))
        .arg("--version")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        "typst 0.15.1 (served from 127.0.0.1)"
    );
    // Nothing is left in the temporary folder; a second run finds typst and downloads nothing.
    assert_eq!(
        std::fs::read_dir(dir.path().join("tmp")).unwrap().count(),
        0
    );
    let again = setup(&scripts, &url, dir.path());
    assert!(again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("using typst 0.15.1 from"));
    assert_eq!(requests.load(Ordering::SeqCst), 1);
}

#[test]
fn an_archive_that_does_not_match_the_pinned_sum_is_refused_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    // Not typst's own archive: the repository's pinned sums refuse it.
    archive(dir.path());
    let (url, requests) = serve(dir.path().join("served"));
    let out = setup(&repo_scripts(), &url, dir.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(requests.load(Ordering::SeqCst), 1);
    assert!(
        stderr.contains(&format!(
            "setup: refused {}: its SHA-256 is not the one pinned in scripts/typst-0.15.1.sha256",
            asset()
        )),
        "{stderr}"
    );
    assert!(stderr.contains("nothing was installed"), "{stderr}");
    // Never falls back to compiling what it was refused.
    assert!(!stderr.contains("compiling"), "{stderr}");
    assert!(!installed(dir.path()).exists());
    assert!(!dir.path().join("cache/sessionpack").exists());
    assert_eq!(
        std::fs::read_dir(dir.path().join("tmp")).unwrap().count(),
        0
    );
}

#[test]
fn when_the_archive_cannot_be_downloaded_it_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("served")).unwrap();
    let (url, _) = serve(dir.path().join("served"));
    let out = setup(&repo_scripts(), &url, dir.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("could not download"), "{stderr}");
    assert!(
        stderr.contains("cargo (Rust) is not installed to compile it"),
        "{stderr}"
    );
    assert!(!installed(dir.path()).exists());
}

#[test]
fn every_platform_the_scripts_download_for_has_a_pinned_sum() {
    let sums = std::fs::read_to_string(repo_scripts().join("typst-0.15.1.sha256")).unwrap();
    for target in [
        "x86_64-unknown-linux-musl.tar.xz",
        "aarch64-unknown-linux-musl.tar.xz",
        "x86_64-apple-darwin.tar.xz",
        "aarch64-apple-darwin.tar.xz",
        "x86_64-pc-windows-msvc.zip",
    ] {
        let line = sums
            .lines()
            .find(|l| l.ends_with(&format!("  typst-{target}")))
            .unwrap_or_else(|| panic!("no sum for {target}"));
        let sum = line.split_whitespace().next().unwrap();
        assert_eq!(sum.len(), 64, "{line}");
        assert!(sum.chars().all(|c| c.is_ascii_hexdigit()), "{line}");
    }
    // The PowerShell script reads the same file.
    let ps1 = std::fs::read_to_string(repo_scripts().join("setup.ps1")).unwrap();
    assert!(ps1.contains("typst-$TypstVersion.sha256"), "setup.ps1");
}

#[test]
fn a_release_archive_holds_the_tool_and_sets_up_without_rust() {
    let dir = tempfile::tempdir().unwrap();
    let dist = dir.path().join("dist");
    let out = Command::new("bash")
        .arg(repo_scripts().join("package-release.sh"))
        .arg(env!("CARGO_BIN_EXE_sessionpack"))
        .arg("x86_64-unknown-linux-musl")
        .arg("9.9.9")
        .arg(&dist)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let name = "sessionpack-9.9.9-x86_64-unknown-linux-musl";
    // Its SHA-256 beside it, checkable as the release notes say.
    let check = Command::new("sha256sum")
        .args(["-c", &format!("{name}.tar.xz.sha256")])
        .current_dir(&dist)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    let unpacked = dir.path().join("unpacked");
    std::fs::create_dir_all(&unpacked).unwrap();
    let tar = Command::new("tar")
        .arg("-xJf")
        .arg(dist.join(format!("{name}.tar.xz")))
        .arg("-C")
        .arg(&unpacked)
        .status()
        .unwrap();
    assert!(tar.success());
    let home = unpacked.join(name);
    for file in [
        "sessionpack",
        "README.md",
        "scripts/setup.sh",
        "scripts/setup.ps1",
        "scripts/typst-0.15.1.sha256",
    ] {
        assert!(home.join(file).is_file(), "{file}");
    }
    let version = Command::new(home.join("sessionpack"))
        .arg("--version")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&version.stdout).starts_with("sessionpack "));
    // Its setup needs no Rust: with typst found, it is ready without building anything.
    let typst = dir.path().join("typst");
    std::fs::write(&typst, "#!/bin/sh\necho 'typst 0.15.1 (stand-in)'\n").unwrap();
    std::fs::set_permissions(&typst, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let setup = Command::new("bash")
        .arg(home.join("scripts/setup.sh"))
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", dir.path())
        .env("SESSIONPACK_TYPST", &typst)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&setup.stderr);
    assert!(setup.status.success(), "{stderr}");
    assert!(stderr.contains("setup: ready"), "{stderr}");
    assert!(!home.join("target").exists());
}

#[test]
fn the_container_installs_typst_through_the_pinned_setup() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dockerfile = std::fs::read_to_string(root.join("Dockerfile")).unwrap();
    // Everything it copies from the repository is there.
    for line in dockerfile
        .lines()
        .filter(|l| l.starts_with("COPY ") && !l.contains("--from"))
    {
        let parts: Vec<&str> = line.split_whitespace().collect();
        for source in &parts[1..parts.len() - 1] {
            assert!(root.join(source).exists(), "{line}");
        }
    }
    let run = dockerfile
        .lines()
        .find(|l| l.starts_with("RUN ") && l.contains("setup.sh"))
        .expect("a RUN of setup.sh");
    assert!(run.contains("setup.sh --typst-only"), "{run}");
    let cache = run
        .split_whitespace()
        .find_map(|w| w.strip_prefix("XDG_CACHE_HOME="))
        .expect("its cache");
    assert!(
        dockerfile.contains(&format!(
            "ENV SESSIONPACK_TYPST={cache}/sessionpack/typst-0.15.1/bin/typst"
        )),
        "the tool is pointed at the typst setup.sh installed"
    );
}
