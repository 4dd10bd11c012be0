//! Jupyter notebooks: the code cells as one Python program, with a map from each program line back
//! to the line of the `.ipynb` file it came from. Markdown cells and outputs are not code.

use serde::Deserialize;

#[derive(Deserialize)]
struct Notebook {
    cells: Vec<Cell>,
}

#[derive(Deserialize)]
struct Cell {
    cell_type: String,
    #[serde(default)]
    source: Source,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Source {
    Lines(Vec<String>),
    Text(String),
}

impl Default for Source {
    fn default() -> Self {
        Source::Text(String::new())
    }
}

pub struct Program {
    pub code: String,
    /// For each program line (index = line - 1): the notebook line and a column offset.
    lines: Vec<(u32, u32)>,
}

impl Program {
    pub fn map_line(&self, line: u32) -> (u32, u32) {
        self.lines
            .get(line.saturating_sub(1) as usize)
            .copied()
            .unwrap_or((1, 0))
    }
}

fn line_col_at(raw: &str, offset: usize) -> (u32, u32) {
    let before = &raw[..offset];
    let line = before.matches('\n').count() as u32 + 1;
    let col = (offset - before.rfind('\n').map_or(0, |n| n + 1)) as u32;
    (line, col)
}

pub fn code(raw: &str) -> Result<Program, String> {
    let nb: Notebook =
        serde_json::from_str(raw).map_err(|e| format!("line {}: not a notebook: {e}", e.line()))?;
    let mut program = Program {
        code: String::new(),
        lines: Vec::new(),
    };
    let mut cursor = 0usize;
    for cell in nb.cells {
        if cell.cell_type != "code" {
            continue;
        }
        let parts: Vec<String> = match cell.source {
            Source::Lines(lines) => lines,
            Source::Text(text) => text.split_inclusive('\n').map(str::to_string).collect(),
        };
        for part in parts {
            // Find the JSON spelling of this source line after the previous one; IPython magics
            // and shell escapes are not Python and become blank lines.
            let encoded = serde_json::to_string(&part).unwrap_or_default();
            let (line, col) = match raw[cursor..].find(&encoded) {
                Some(i) => {
                    cursor += i + encoded.len();
                    line_col_at(raw, cursor - encoded.len() + 1)
                }
                None => line_col_at(raw, cursor),
            };
            for (k, piece) in part.split_inclusive('\n').enumerate() {
                let t = piece.trim_start();
                let code_line = if t.starts_with('%') || t.starts_with('!') {
                    "\n"
                } else {
                    piece
                };
                program.code.push_str(code_line);
                if !code_line.ends_with('\n') {
                    program.code.push('\n');
                }
                program
                    .lines
                    .push((line + k as u32, if k == 0 { col } else { 0 }));
            }
        }
        program.code.push('\n');
        program
            .lines
            .push(program.lines.last().copied().unwrap_or((1, 0)));
    }
    Ok(program)
}

#[cfg(test)]
mod tests {
    #[test]
    fn maps_cell_lines_to_notebook_lines() {
        let raw = r##"{
 "cells": [
  {
   "cell_type": "markdown",
   "metadata": {},
   "source": [
    "import openai is prose here\n"
   ]
  },
  {
   "cell_type": "code",
   "execution_count": 1,
   "metadata": {},
   "outputs": [],
   "source": [
    "%pip install openai\n",
    "import openai\n",
    "client = openai.OpenAI()"
   ]
  }
 ],
 "metadata": {},
 "nbformat": 4,
 "nbformat_minor": 5
}"##;
        let p = super::code(raw).unwrap();
        assert!(!p.code.contains("prose"));
        assert!(!p.code.contains("%pip"));
        assert_eq!(p.map_line(2).0, 17);
        assert_eq!(p.map_line(3).0, 18);
        assert!(super::code("{\"cells\": [").is_err());
    }
}
