//! A lean speech-dispatcher for the kiosk (Linux).
//!
//! A daemon that libspeechd autospawns loads every installed output module and, before
//! it opens its socket, asks espeak-ng for its ~13,000 voices (130 languages × 100
//! variants), reading the answer a byte at a time: about 0.45 s and 0.4 CPU-s at every
//! boot. [`ensure`] starts the daemon the same way libspeechd would (`--spawn`, on the
//! same socket), but with a configuration of its own (espeak-ng only, PulseAudio or
//! else ALSA) and espeak-ng's data seen through a view holding only the configured
//! voices, so espeak-ng lists two voices: the daemon is up in about 25 ms and idle.
//! It ends by itself 5 s after the kiosk's connection closes, as an autospawned one does.

use std::fs;
use std::io;
use std::os::unix::fs::symlink;
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use tracing::{debug, info, warn};

use super::config::{DaemonMode, SpeechConfig};

/// What [`ensure`] found or did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Launch {
    /// [`DaemonMode::System`]: nothing done.
    System,
    /// `SPEECHD_ADDRESS` names the daemon: nothing done.
    AddressGiven,
    /// A daemon answers on the default socket already.
    Running,
    /// Started one; `trimmed` when espeak-ng sees only the configured voices.
    Started {
        /// espeak-ng's data is the view of the configured voices.
        trimmed: bool,
    },
    /// Could not start one (logged); libspeechd will autospawn its own.
    Failed,
}

/// The module configuration when the system's is missing (Debian's values).
const ESPEAK_NG_CONF: &str = "EspeakMinRate 80\nEspeakNormalRate 170\nEspeakMaxRate 449\nEspeakIndexing 1\n";

const SPEECHD_CONF: &str = "\
# Written by Yiban at start-up (docs/speech.md): speech-dispatcher for the kiosk.
AddModule \"espeak-ng\" \"sd_espeak-ng\" \"espeak-ng.conf\"
DefaultModule espeak-ng
AudioOutputMethod \"pulse,alsa\"
";

/// How long the daemon may take to start.
const START_TIMEOUT: Duration = Duration::from_secs(10);

fn non_empty_env(name: &str) -> Option<PathBuf> {
    std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from)
}

/// libspeechd's runtime directory (glib's `g_get_user_runtime_dir`): `$XDG_RUNTIME_DIR`,
/// else the user's cache directory.
fn runtime_dir() -> Option<PathBuf> {
    non_empty_env("XDG_RUNTIME_DIR")
        .or_else(|| non_empty_env("XDG_CACHE_HOME"))
        .or_else(|| non_empty_env("HOME").map(|home| home.join(".cache")))
}

/// The socket libspeechd connects to when `SPEECHD_ADDRESS` is not set.
pub fn default_socket() -> Option<PathBuf> {
    runtime_dir().map(|dir| dir.join("speech-dispatcher").join("speechd.sock"))
}

/// Makes sure a speech-dispatcher daemon will answer the kiosk's connection, starting a
/// lean one when [`DaemonMode::Kiosk`] and none is running. Never fails: on trouble it
/// logs and leaves the start to libspeechd.
pub fn ensure(config: &SpeechConfig) -> Launch {
    if config.daemon == DaemonMode::System {
        return Launch::System;
    }
    if std::env::var_os("SPEECHD_ADDRESS").is_some() {
        return Launch::AddressGiven;
    }
    let (Some(runtime), Some(socket)) = (runtime_dir(), default_socket()) else {
        warn!("no runtime or home directory; leaving the speech daemon to libspeechd");
        return Launch::Failed;
    };
    if UnixStream::connect(&socket).is_ok() {
        if answers(&socket) {
            debug!("a speech daemon is running");
            return Launch::Running;
        }
        // A daemon that takes connections and never answers (seen when its audio
        // failed mid-speech) would leave the next citizen without a voice: replaced.
        warn!("the speech daemon on the socket does not answer; replacing it");
        stop_wedged(&runtime.join("speech-dispatcher").join("pid").join("speech-dispatcher.pid"));
        let _ = fs::remove_file(&socket);
    }
    let started = Instant::now();
    let dir = runtime.join("yiban-speech");
    match start(&dir, &socket, &[&config.voice_zh, &config.voice_en]) {
        Ok(trimmed) => {
            info!(trimmed, elapsed_ms = started.elapsed().as_millis() as u64, "speech daemon started");
            Launch::Started { trimmed }
        }
        Err(err) => {
            warn!(%err, "could not start the kiosk's speech daemon; leaving it to libspeechd");
            Launch::Failed
        }
    }
}

/// How long a running daemon may take to answer one command before it counts as wedged.
const PROBE_TIMEOUT: Duration = Duration::from_millis(500);

/// Whether the daemon on `socket` answers an SSIP command in time.
fn answers(socket: &Path) -> bool {
    use std::io::{Read, Write};
    let Ok(mut stream) = UnixStream::connect(socket) else { return false };
    let _ = stream.set_read_timeout(Some(PROBE_TIMEOUT));
    let _ = stream.set_write_timeout(Some(PROBE_TIMEOUT));
    if stream.write_all(b"SET SELF CLIENT_NAME yiban:probe:main\r\n").is_err() {
        return false;
    }
    let mut reply = [0u8; 64];
    matches!(stream.read(&mut reply), Ok(n) if n > 0)
}

/// Ends the speech-dispatcher named by `pid_file` (only if it is one).
fn stop_wedged(pid_file: &Path) {
    let Some(pid) = fs::read_to_string(pid_file).ok().and_then(|s| s.trim().parse::<u32>().ok()) else {
        return;
    };
    let comm = fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
    if !comm.starts_with("speech-dispatch") {
        return;
    }
    let killed = Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    info!(pid, killed, "wedged speech daemon ended");
}

fn start(dir: &Path, socket: &Path, voices: &[&str]) -> io::Result<bool> {
    let conf = dir.join("conf");
    fs::create_dir_all(conf.join("modules"))?;
    fs::write(conf.join("speechd.conf"), SPEECHD_CONF)?;
    let module = fs::read_to_string("/etc/speech-dispatcher/modules/espeak-ng.conf")
        .unwrap_or_else(|_| ESPEAK_NG_CONF.to_owned());
    fs::write(conf.join("modules").join("espeak-ng.conf"), module)?;
    let view = dir.join("espeak");
    let trimmed = match espeak_data().and_then(|data| build_view(&view, &data, voices)) {
        Some(()) => true,
        None => {
            warn!(
                "espeak-ng's data or a configured voice file was not found; espeak-ng lists all its voices"
            );
            false
        }
    };
    let mut command = Command::new("speech-dispatcher");
    command
        .args(["--spawn", "--communication-method", "unix_socket", "--socket-path"])
        .arg(socket)
        .arg("--config-dir")
        .arg(&conf)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    if trimmed {
        command.env("ESPEAK_DATA_PATH", &view);
    }
    // The foreground process exits once the daemon has forked and listens.
    let mut child = command.spawn()?;
    let deadline = Instant::now() + START_TIMEOUT;
    loop {
        if let Some(status) = child.try_wait()? {
            return if status.success() {
                Ok(trimmed)
            } else {
                Err(io::Error::other(format!("speech-dispatcher --spawn exited with {status}")))
            };
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            return Err(io::Error::other("speech-dispatcher did not start in time"));
        }
        thread::sleep(Duration::from_millis(2));
    }
}

/// espeak-ng's data directory: `$ESPEAK_DATA_PATH/espeak-ng-data` or where Debian and
/// others install it.
fn espeak_data() -> Option<PathBuf> {
    let mut candidates: Vec<PathBuf> = Vec::new();
    if let Some(path) = non_empty_env("ESPEAK_DATA_PATH") {
        candidates.push(path.join("espeak-ng-data"));
    }
    if let Ok(lib) = fs::read_dir("/usr/lib") {
        let mut arch: Vec<PathBuf> = lib.flatten().map(|e| e.path().join("espeak-ng-data")).collect();
        arch.sort();
        candidates.extend(arch);
    }
    candidates.extend(
        ["/usr/lib/espeak-ng-data", "/usr/share/espeak-ng-data", "/usr/local/share/espeak-ng-data"]
            .map(PathBuf::from),
    );
    candidates.into_iter().find(|dir| dir.join("phontab").is_file())
}

/// The voice files under `lang` (relative paths) for each wanted voice, matched by file
/// name or by the file's `name` line, without case; `None` if one is not found.
fn voice_files(lang: &Path, wanted: &[&str]) -> Option<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut pending = vec![PathBuf::new()];
    while let Some(rel) = pending.pop() {
        for entry in fs::read_dir(lang.join(&rel)).ok()?.flatten() {
            let path = rel.join(entry.file_name());
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                pending.push(path);
            } else {
                files.push(path);
            }
        }
    }
    let mut found = Vec::new();
    for voice in wanted {
        let base = voice.split('+').next().unwrap_or_default().trim().replace('_', "-");
        let by_file = files.iter().find(|f| f.file_name().is_some_and(|n| n.eq_ignore_ascii_case(&base)));
        let by_name = || {
            files.iter().find(|f| {
                fs::read_to_string(lang.join(f)).is_ok_and(|text| {
                    text.lines()
                        .find_map(|l| l.strip_prefix("name "))
                        .is_some_and(|n| n.trim().eq_ignore_ascii_case(&base))
                })
            })
        };
        let file = by_file.or_else(by_name)?;
        if !found.contains(file) {
            found.push(file.clone());
        }
    }
    Some(found)
}

/// Builds `root/espeak-ng-data`: links to everything in `data` but `lang` and `voices`,
/// and to the wanted voices' files only (and the variants, if a voice names one).
fn build_view(root: &Path, data: &Path, wanted: &[&str]) -> Option<()> {
    let files = voice_files(&data.join("lang"), wanted)?;
    let build = || -> io::Result<()> {
        if root.exists() {
            fs::remove_dir_all(root)?;
        }
        let view = root.join("espeak-ng-data");
        fs::create_dir_all(view.join("voices"))?;
        for entry in fs::read_dir(data)?.flatten() {
            let name = entry.file_name();
            if name != "lang" && name != "voices" {
                symlink(entry.path(), view.join(&name))?;
            }
        }
        for rel in &files {
            let target = view.join("lang").join(rel);
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent)?;
            }
            symlink(data.join("lang").join(rel), target)?;
        }
        let variants = data.join("voices").join("!v");
        if wanted.iter().any(|v| v.contains('+')) && variants.is_dir() {
            symlink(variants, view.join("voices").join("!v"))?;
        }
        Ok(())
    };
    match build() {
        Ok(()) => Some(()),
        Err(err) => {
            warn!(%err, "could not build the espeak-ng voice view");
            None
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    /// A socket that takes connections; `reply` says whether it ever answers.
    fn fake_daemon(name: &str, reply: bool) -> (PathBuf, thread::JoinHandle<()>) {
        let dir = std::env::temp_dir().join(format!("yiban-probe-{name}-{}", std::process::id()));
        let _ = fs::create_dir_all(&dir);
        let socket = dir.join("speechd.sock");
        let _ = fs::remove_file(&socket);
        let listener = std::os::unix::net::UnixListener::bind(&socket).unwrap_or_else(|e| panic!("{e}"));
        let serve = thread::spawn(move || {
            use std::io::{Read, Write};
            if let Ok((mut stream, _)) = listener.accept() {
                let mut line = [0u8; 64];
                let _ = stream.read(&mut line);
                if reply {
                    let _ = stream.write_all(b"208 OK CLIENT NAME SET\r\n");
                } else {
                    thread::sleep(PROBE_TIMEOUT * 2);
                }
            }
        });
        (socket, serve)
    }

    #[test]
    fn a_daemon_that_answers_is_kept_and_a_wedged_one_is_not() {
        let (socket, serve) = fake_daemon("answers", true);
        assert!(answers(&socket));
        let _ = serve.join();
        let (wedged, serve) = fake_daemon("wedged", false);
        let started = Instant::now();
        assert!(!answers(&wedged), "a daemon that never answers is wedged");
        assert!(started.elapsed() < PROBE_TIMEOUT * 2, "the probe gives up in time");
        let _ = serve.join();
        for s in [socket, wedged] {
            let _ = fs::remove_dir_all(s.parent().unwrap_or(Path::new("/nonexistent")));
        }
    }

    /// An espeak-ng data directory as Debian's, abridged.
    fn fake_data(root: &Path) -> PathBuf {
        let data = root.join("espeak-ng-data");
        for (path, text) in [
            ("phontab", ""),
            ("cmn_dict", ""),
            ("en_dict", ""),
            ("lang/sit/cmn", "name Chinese (Mandarin, latin as English)\nlanguage cmn\n"),
            (
                "lang/sit/cmn-Latn-pinyin",
                "name Chinese (Mandarin, latin as Pinyin)\nlanguage cmn-latn-pinyin\n",
            ),
            ("lang/gmw/en-US", "name English (America)\nlanguage en-us 2\n"),
            ("lang/gmw/en-GB-x-rp", "name English (Received Pronunciation)\n"),
            ("voices/!v/Andy", "name Andy\n"),
        ] {
            let file = data.join(path);
            fs::create_dir_all(file.parent().unwrap()).unwrap();
            fs::write(file, text).unwrap();
        }
        data
    }

    fn listing(dir: &Path) -> Vec<String> {
        let mut out = Vec::new();
        let mut pending = vec![dir.to_path_buf()];
        while let Some(d) = pending.pop() {
            for e in fs::read_dir(&d).unwrap().flatten() {
                if e.file_type().unwrap().is_dir() {
                    pending.push(e.path());
                }
                out.push(e.path().strip_prefix(dir).unwrap().display().to_string());
            }
        }
        out.sort();
        out
    }

    #[test]
    fn the_view_holds_only_the_configured_voices() {
        let scratch = tempfile::tempdir().unwrap();
        let data = fake_data(scratch.path());
        let root = scratch.path().join("view");
        build_view(&root, &data, &["cmn-latn-pinyin", "English (America)"]).unwrap();
        let view = root.join("espeak-ng-data");
        assert_eq!(
            listing(&view),
            [
                "cmn_dict",
                "en_dict",
                "lang",
                "lang/gmw",
                "lang/gmw/en-US",
                "lang/sit",
                "lang/sit/cmn-Latn-pinyin",
                "phontab",
                "voices"
            ]
        );
        // Links point at the real files.
        assert!(fs::read_to_string(view.join("lang/sit/cmn-Latn-pinyin")).unwrap().contains("Pinyin"));

        // Built again from scratch, with a variant.
        build_view(&root, &data, &["CMN_latn_pinyin", "en-us+Andy"]).unwrap();
        let again = listing(&view);
        assert!(again.contains(&"voices/!v".to_owned()), "{again:?}");
        assert!(again.contains(&"lang/gmw/en-US".to_owned()), "{again:?}");
    }

    #[test]
    fn an_unknown_voice_leaves_the_data_whole() {
        let scratch = tempfile::tempdir().unwrap();
        let data = fake_data(scratch.path());
        assert!(build_view(&scratch.path().join("view"), &data, &["cmn-latn-pinyin", "fr"]).is_none());
        assert!(!scratch.path().join("view").exists());
    }
}
