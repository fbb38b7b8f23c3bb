"""The pure receivables domain: frames in, frames and problems out; no files, no spreadsheets."""
