//! Running the `ballotbox` binary as a user does, for the command-line tests.

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Runs `ballotbox args…` with `stdin` on its standard input (empty when `None`).
pub fn ballotbox(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ballotbox"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut input = child.stdin.take().expect("stdin is piped");
    match input.write_all(stdin.unwrap_or("").as_bytes()) {
        // A command that refuses its arguments may exit before it reads its input.
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => {}
        written => written.expect("stdin accepts the input"),
    }
    drop(input);
    child.wait_with_output().expect("the binary finishes")
}
