//! The `ballotbox` command: parses arguments and calls the library.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};

use ballotbox::election::CountSheet;

/// Secure voting and election tally for trade-union founding congresses.
#[derive(Parser)]
#[command(name = "ballotbox", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Count a count sheet by the election rules and print the result.
    ///
    /// Exit status: 0 when a result was computed (whatever it says), 2 when the sheet is
    /// malformed or its setup breaks a rule.
    Tally {
        /// The count sheet (JSON); `-` reads standard input.
        file: PathBuf,
        /// How to print the result.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// The result as JSON, for machines.
    Json,
    /// A readable table in Chinese and English.
    Text,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Tally { file, format } => tally(&file, format),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // One line, naming the problem and where.
            let message = format!("{error:#}").replace('\n', " ");
            eprintln!("ballotbox: {message}");
            ExitCode::from(2)
        }
    }
}

fn tally(file: &PathBuf, format: Format) -> anyhow::Result<()> {
    let text = read_input(file)?;
    let source = if file.as_os_str() == "-" {
        "standard input".into()
    } else {
        file.display().to_string()
    };
    let sheet = CountSheet::parse(&text).context(source)?;
    let result = sheet.tally();
    let rendered = match format {
        Format::Json => serde_json::to_string_pretty(&result)? + "\n",
        Format::Text => ballotbox::report::text(&result),
    };
    std::io::stdout()
        .lock()
        .write_all(rendered.as_bytes())
        .context("writing the result")?;
    Ok(())
}

/// Reads a whole file, or standard input for `-`.
fn read_input(file: &PathBuf) -> anyhow::Result<String> {
    if file.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("reading standard input")?;
        return Ok(text);
    }
    std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))
}
