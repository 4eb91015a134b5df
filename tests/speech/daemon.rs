//! A private speech-dispatcher daemon for tests and benchmarks: espeak-ng through ALSA
//! into a WAV file (machines in CI have no sound card, and a daemon without one never
//! reports the end of an utterance), or, to reproduce exactly that, through the
//! machine's real default audio. Shared by `tests/speech.rs` and `benches/speech.rs`.
#![allow(dead_code)]

use std::fs::{self, File};
use std::io::Read;
use std::os::unix::net::UnixStream;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// The daemon's module configuration when the system one is missing.
const ESPEAK_NG_CONF: &str = "EspeakMinRate 80\nEspeakNormalRate 170\nEspeakMaxRate 449\nEspeakIndexing 1\n";

/// How to set up a [`PrivateDaemon`].
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// ALSA's default device is a WAV file (else the machine's real default: on a
    /// machine without a sound card, utterances begin and never end).
    pub wav_sink: bool,
    /// The espeak-ng module logs what it does (`log/espeak-ng.log`, which then holds
    /// the spoken text: for tests only).
    pub module_debug: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self { wav_sink: true, module_debug: false }
    }
}

/// A running `speech-dispatcher -s` in its own process group, with its own `HOME`,
/// configuration, socket and log in a temporary directory. Killed on drop.
pub struct PrivateDaemon {
    dir: tempfile::TempDir,
    child: Option<Child>,
    socket: PathBuf,
    wav: PathBuf,
    home: PathBuf,
}

impl PrivateDaemon {
    /// Starts the daemon and waits until it accepts connections. An error (not a
    /// skip) when speech-dispatcher is not installed: CI installs it.
    pub fn start() -> Result<Self, String> {
        Self::start_with(Options::default())
    }

    /// As [`PrivateDaemon::start`], set up as `options` say.
    pub fn start_with(options: Options) -> Result<Self, String> {
        let dir = tempfile::Builder::new()
            .prefix("yiban-speechd-")
            .tempdir()
            .map_err(|e| format!("temporary directory: {e}"))?;
        let root = dir.path().to_path_buf();
        let home = root.join("home");
        let conf = root.join("conf");
        let log = root.join("log");
        for d in [&home, &conf.join("modules"), &log] {
            fs::create_dir_all(d).map_err(|e| format!("{}: {e}", d.display()))?;
        }
        let wav = root.join("out.wav");
        let socket = root.join("speechd.sock");
        let write =
            |path: &Path, text: &str| fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()));
        if options.wav_sink {
            write(
                &home.join(".asoundrc"),
                &format!(
                    "pcm.!default {{ type file; slave.pcm \"null\"; file \"{}\"; format \"wav\" }}\n",
                    wav.display()
                ),
            )?;
        }
        write(
            &conf.join("speechd.conf"),
            "AudioOutputMethod \"alsa\"\n\
             AddModule \"espeak-ng\" \"sd_espeak-ng\" \"espeak-ng.conf\"\n\
             DefaultModule espeak-ng\n\
             LogLevel 3\n",
        )?;
        let mut module_conf = fs::read_to_string("/etc/speech-dispatcher/modules/espeak-ng.conf")
            .unwrap_or_else(|_| ESPEAK_NG_CONF.to_owned());
        if options.module_debug {
            module_conf = module_conf.replace("Debug 0", "Debug 1");
            if !module_conf.contains("Debug 1") {
                module_conf.push_str("\nDebug 1\n");
            }
        }
        write(&conf.join("modules").join("espeak-ng.conf"), &module_conf)?;
        let output =
            |name: &str| File::create(root.join(name)).map(Stdio::from).map_err(|e| format!("{name}: {e}"));
        let child = Command::new("speech-dispatcher")
            .arg("-s")
            .args(["-t", "0", "-c", "unix_socket", "-S"])
            .arg(&socket)
            .arg("-C")
            .arg(&conf)
            .arg("-L")
            .arg(&log)
            .arg("-P")
            .arg(root.join("speechd.pid"))
            .env("HOME", &home)
            .env_remove("SPEECHD_ADDRESS")
            .current_dir(&root)
            .stdin(Stdio::null())
            .stdout(output("stdout.txt")?)
            .stderr(output("stderr.txt")?)
            .process_group(0)
            .spawn()
            .map_err(|e| {
                format!(
                    "cannot run speech-dispatcher ({e}): install speech-dispatcher, \
                     speech-dispatcher-espeak-ng and espeak-ng (.ci/install-deps)"
                )
            })?;
        let mut daemon = PrivateDaemon { dir, child: Some(child), socket, wav, home };
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if UnixStream::connect(&daemon.socket).is_ok() {
                return Ok(daemon);
            }
            if let Some(child) = daemon.child.as_mut()
                && let Ok(Some(status)) = child.try_wait()
            {
                return Err(format!(
                    "speech-dispatcher exited at start ({status}):\n{}",
                    daemon.diagnostics()
                ));
            }
            if Instant::now() >= deadline {
                return Err(format!("speech-dispatcher did not open its socket:\n{}", daemon.diagnostics()));
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// The value for `SPEECHD_ADDRESS`.
    pub fn address(&self) -> String {
        format!("unix_socket:{}", self.socket.display())
    }

    /// The WAV file the daemon's audio goes to.
    pub fn wav(&self) -> &Path {
        &self.wav
    }

    /// Size of the WAV file in bytes (0 before any audio). Its header's length fields
    /// stay 0 while the daemon holds the device: the size is what grows.
    pub fn wav_size(&self) -> u64 {
        fs::metadata(&self.wav).map(|m| m.len()).unwrap_or(0)
    }

    /// The espeak-ng module's log (with [`Options::module_debug`]).
    pub fn module_log(&self) -> String {
        fs::read(self.dir.path().join("log").join("espeak-ng.log"))
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
            .unwrap_or_default()
    }

    /// A scratch `HOME` for clients, so nothing touches the real one.
    pub fn client_home(&self) -> PathBuf {
        self.dir.path().join("client-home")
    }

    /// The daemon's output and log, for failure messages.
    pub fn diagnostics(&self) -> String {
        let mut text = String::new();
        for name in ["stderr.txt", "stdout.txt", "log/speech-dispatcher.log"] {
            let mut content = String::new();
            if let Ok(mut f) = File::open(self.dir.path().join(name)) {
                let _ = f.read_to_string(&mut content);
            }
            let tail: String = content
                .lines()
                .rev()
                .take(40)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect::<Vec<_>>()
                .join("\n");
            text.push_str(&format!("--- {name}\n{tail}\n"));
        }
        text
    }

    /// Ends the daemon and its output module: SIGTERM to the process group, SIGKILL if
    /// it has not ended after 2 s (a daemon stuck on audio may hang). True when ended.
    pub fn stop(&mut self) -> bool {
        let Some(mut child) = self.child.take() else { return true };
        let group = format!("-{}", child.id());
        let signal = |sig: &str| {
            Command::new("kill")
                .args([sig, "--", &group])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        };
        let _ = signal("-TERM");
        let deadline = Instant::now() + Duration::from_secs(2);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = child.try_wait() {
                return true;
            }
            thread::sleep(Duration::from_millis(20));
        }
        if !signal("-KILL") {
            let _ = child.kill();
        }
        child.wait().is_ok()
    }
}

impl Drop for PrivateDaemon {
    fn drop(&mut self) {
        self.stop();
    }
}
