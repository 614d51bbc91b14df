//! The item analysis as CSV for a spreadsheet: one row per option of every item (one row for an
//! item without options), so pick rates sort and filter like any column. `retried` counts the
//! learners answering an item whose session took an ending's retry; the cohort's other retry
//! figures are in the text, JSON and HTML reports.

use std::fmt::Write;

use super::Report;

const HEADER: &str = "item,scene,kind,prompt,answered,retried,graded,right,difficulty,discrimination,flags,option,option_text,picks,pick_rate";

pub fn csv(report: &Report) -> String {
    let mut out = String::from(HEADER);
    out.push('\n');
    for (number, item) in report.items.iter().enumerate() {
        let kind = serde_json::to_value(item.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let flags: Vec<&str> = item.flags.iter().map(|f| f.words()).collect();
        let common = [
            (number + 1).to_string(),
            item.scene.clone(),
            kind,
            item.prompt.clone(),
            item.answered.to_string(),
            item.retried.to_string(),
            item.graded.to_string(),
            item.right.to_string(),
            item.difficulty
                .map_or_else(String::new, |d| format!("{d:.4}")),
            item.discrimination
                .map_or_else(String::new, |r| format!("{r:.4}")),
            flags.join("; "),
        ];
        let options: Vec<[String; 4]> = if item.options.is_empty() {
            vec![Default::default()]
        } else {
            item.options
                .iter()
                .map(|o| {
                    [
                        o.id.clone(),
                        o.text.clone(),
                        o.picks.to_string(),
                        format!("{:.4}", o.rate),
                    ]
                })
                .collect()
        };
        for option in options {
            let row: Vec<String> = common.iter().chain(&option).map(|f| field(f)).collect();
            let _ = writeln!(out, "{}", row.join(","));
        }
    }
    out
}

/// A field quoted when it must be (RFC 4180), and a leading `=`, `+`, `-` or `@` kept from being
/// read as a formula by a spreadsheet.
fn field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '@'])
        || (text.starts_with('-') && text.parse::<f64>().is_err())
    {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn fields_are_quoted_and_formulas_defused() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a, b"), "\"a, b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(field("-0.2500"), "-0.2500");
    }
}
