//! Wrapping text to the terminal width, measured in display columns.

/// Wraps `text` to `width` columns, with `indent` before every line after the first.
pub fn wrap(text: &str, width: usize, indent: &str) -> Vec<String> {
    let width = width.max(20);
    let options = textwrap::Options::new(width).subsequent_indent(indent);
    textwrap::wrap(text, options)
        .into_iter()
        .map(|line| line.into_owned())
        .collect()
}
