//! `<picker>`'s popup: a tap on a picker shows its columns over the page, as the client does,
//! until they are confirmed (`change` with the value) or cancelled (`cancel`); turning a
//! column of a multiSelector sends `columnchange`.

use crate::controls::{attr, element_at, text};
use crate::Simulator;
use serde_json::{json, Value as Json};
use wxemu_view::chrome::Prompt;
use wxemu_view::select::NodePath;
use wxemu_wxml::{Element, Value};

/// The picker whose popup is open: where it is, what its columns hold, and what is shown.
#[derive(Clone, Debug)]
pub(crate) struct Picking {
    path: NodePath,
    wheels: Wheels,
    pub(crate) prompt: Prompt,
}

/// What a picker's columns hold, by its `mode`.
#[derive(Clone, Debug)]
enum Wheels {
    /// `selector` (one column) and `multiSelector`: labels from `range`.
    Range { multi: bool },
    /// `time`: hours and minutes, values "hh:mm" between `start` and `end`.
    Time { start: String, end: String },
    /// `date`: years, months and days as far as `fields` says (1 to 3 columns), values
    /// "YYYY[-MM[-DD]]" between `start` and `end`.
    Date { fields: usize, start: String, end: String },
}

/// The numbers in a "2024-05-06" or "09:30" string.
fn numbers(value: &str) -> Vec<i64> {
    value.split(['-', ':']).map(|n| n.trim().parse().unwrap_or(0)).collect()
}

/// The most years a date picker's first column lists.
const MAX_YEARS: i64 = 10_000;

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The date at `wall_ms` (ms since the Unix epoch) in the app's time zone as "YYYY-MM-DD":
/// the date picker's value when it has none.
fn today(wall_ms: i64) -> String {
    let local_ms = wall_ms + i64::from(wxemu_appservice::UTC_OFFSET_SECONDS) * 1000;
    let days = local_ms.div_euclid(86_400_000);
    // Days since 1970-01-01 to a civil date (Howard Hinnant's days_from_civil, inverted).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// A range item's label: the item, or its `range-key` field.
fn label(item: &Json, key: &str) -> String {
    let item = if key.is_empty() { item } else { item.get(key).unwrap_or(&Json::Null) };
    match item {
        Json::String(s) => s.clone(),
        Json::Null => String::new(),
        other => other.to_string(),
    }
}

impl Wheels {
    /// The wheels of a picker element, or why wxemu cannot show them.
    fn of(picker: &Element) -> Result<Wheels, String> {
        let bounds = |start: &str, end: &str| {
            let given = |name: &str, default: &str| Some(text(picker, name)).filter(|v| !v.is_empty()).unwrap_or_else(|| default.to_string());
            (given("start", start), given("end", end))
        };
        match text(picker, "mode").as_str() {
            "" | "selector" => Ok(Wheels::Range { multi: false }),
            "multiSelector" => Ok(Wheels::Range { multi: true }),
            "time" => {
                let (start, end) = bounds("00:00", "23:59");
                Ok(Wheels::Time { start, end })
            }
            "date" => {
                let fields = match text(picker, "fields").as_str() {
                    "year" => 1,
                    "month" => 2,
                    _ => 3,
                };
                let (start, end) = bounds("1900-01-01", "2100-12-31");
                Ok(Wheels::Date { fields, start, end })
            }
            "region" => Err("not supported by wxemu yet: picker mode=\"region\" (wxemu has no region list)".into()),
            other => Err(format!("picker mode=\"{other}\" is not one of selector, multiSelector, time, date, region")),
        }
    }

    /// The columns' labels for the rows chosen so far (a date's days depend on its month).
    fn columns(&self, picker: &Element, selected: &[usize]) -> Vec<Vec<String>> {
        match self {
            Wheels::Range { multi } => {
                let range = attr(picker, "range").to_json().unwrap_or(Json::Null);
                let key = text(picker, "rangeKey");
                let items = |column: &Json| column.as_array().map(|c| c.iter().map(|i| label(i, &key)).collect()).unwrap_or_default();
                if *multi {
                    range.as_array().map(|columns| columns.iter().map(items).collect()).unwrap_or_default()
                } else {
                    vec![items(&range)]
                }
            }
            Wheels::Time { start, end } => {
                let (first, last) = (numbers(start)[0].clamp(0, 23), numbers(end)[0].clamp(0, 23));
                vec![(first..=last).map(|h| format!("{h:02}")).collect(), (0..60).map(|m| format!("{m:02}")).collect()]
            }
            Wheels::Date { fields, start, end } => {
                // (An `end` ten thousand years on is as far as anyone scrolls.)
                let (first, last) = (numbers(start)[0], numbers(end)[0].min(numbers(start)[0] + MAX_YEARS));
                let year = first + selected.first().copied().unwrap_or(0) as i64;
                let month = selected.get(1).copied().unwrap_or(0) as i64 + 1;
                let columns = [(first..=last).map(|y| format!("{y}年")).collect(), (1..=12).map(|m| format!("{m}月")).collect(), (1..=days_in_month(year, month)).map(|d| format!("{d}日")).collect()];
                columns.into_iter().take(*fields).collect()
            }
        }
    }

    /// The columns for the rows `selected`, which are made to fit them: one per column, each
    /// within its column (a shorter month takes the day down to its last).
    fn fit(&self, picker: &Element, selected: &mut Vec<usize>) -> Vec<Vec<String>> {
        let columns = self.columns(picker, selected);
        selected.resize(columns.len(), 0);
        for (row, rows) in selected.iter_mut().zip(&columns) {
            *row = (*row).min(rows.len().saturating_sub(1));
        }
        columns
    }

    /// The row chosen in each column for the picker's `value`.
    fn selection(&self, picker: &Element, today: &str) -> Vec<usize> {
        let value = attr(picker, "value");
        match self {
            Wheels::Range { multi: false } => vec![value.to_js_string().parse::<f64>().map_or(0, |v| v.max(0.0) as usize)],
            Wheels::Range { multi: true } => match value.to_json() {
                Some(Json::Array(rows)) => rows.iter().map(|r| r.as_f64().map_or(0, |v| v.max(0.0) as usize)).collect(),
                _ => Vec::new(),
            },
            Wheels::Time { start, end } => {
                let value = clamp(&Some(value.to_js_string()).filter(|v| !v.is_empty()).unwrap_or_else(|| start.clone()), start, end);
                let (hm, first) = (numbers(&value), numbers(start)[0]);
                vec![(hm[0] - first).max(0) as usize, hm.get(1).copied().unwrap_or(0) as usize]
            }
            Wheels::Date { start, end, .. } => {
                let value = clamp(&Some(value.to_js_string()).filter(|v| !v.is_empty()).unwrap_or_else(|| today.to_string()), start, end);
                let ymd = numbers(&value);
                let part = |i: usize| ymd.get(i).copied().unwrap_or(1).max(1) - 1;
                vec![(ymd[0] - numbers(start)[0]).max(0) as usize, part(1) as usize, part(2) as usize]
            }
        }
    }

    /// The value the rows `selected` stand for (what `change` carries).
    fn value(&self, columns: &[Vec<String>], selected: &[usize]) -> Json {
        let shown = |c: usize| columns.get(c).and_then(|rows| rows.get(selected.get(c).copied().unwrap_or(0))).map_or(0, |l| l.trim_end_matches(['年', '月', '日']).parse::<i64>().unwrap_or(0));
        match self {
            Wheels::Range { multi: false } => json!(selected.first().copied().unwrap_or(0)),
            Wheels::Range { multi: true } => json!(selected),
            Wheels::Time { start, end } => json!(clamp(&format!("{:02}:{:02}", shown(0), shown(1)), start, end)),
            Wheels::Date { fields, start, end } => {
                let parts = [format!("{:04}", shown(0)), format!("{:02}", shown(1)), format!("{:02}", shown(2))];
                let value = parts[..*fields].join("-");
                // Compared with the bounds cut to the same fields.
                let cut = |bound: &str| bound.chars().take(value.len()).collect::<String>();
                json!(clamp(&value, &cut(start), &cut(end)))
            }
        }
    }
}

/// `value` kept between `start` and `end` (same-format strings compare as dates and times).
fn clamp(value: &str, start: &str, end: &str) -> String {
    if value < start {
        start.to_string()
    } else if value > end {
        end.to_string()
    } else {
        value.to_string()
    }
}

impl Simulator {
    /// A tap on the picker at `path` opens its popup with the rows of its `value` chosen.
    pub(crate) fn open_picker(&mut self, path: &[usize], picker: &Element) -> Result<(), String> {
        let wheels = Wheels::of(picker)?;
        let mut selected = wheels.selection(picker, &today(self.clock.wall_ms()));
        let columns = wheels.fit(picker, &mut selected);
        let header = text(picker, "headerText");
        self.prompts.picker = Some(Picking { path: path.to_vec(), wheels, prompt: Prompt::Picker { header, columns, selected } });
        Ok(())
    }

    /// Turns `column` of the open picker to `row`, as the user's finger does; a multiSelector
    /// sends `columnchange` with the column and row.
    pub fn pick(&mut self, column: usize, row: usize) -> Result<(), String> {
        let Some(mut picking) = self.prompts.picker.clone() else { return Err("no picker is open".into()) };
        let Prompt::Picker { columns, selected, .. } = &mut picking.prompt else { unreachable!("a picking shows a picker") };
        let rows = columns.get(column).ok_or_else(|| format!("the picker has {} columns; there is no column {column}", columns.len()))?.len();
        if row >= rows {
            return Err(format!("column {column} of the picker has {rows} rows; there is no row {row}"));
        }
        selected[column] = row;
        let page = self.stack.last().ok_or("no page is open")?;
        let picker = element_at(&page.tree, &picking.path).ok_or("the picker is gone from the page")?.clone();
        *columns = picking.wheels.fit(&picker, selected);
        let path = picking.path.clone();
        let multi = matches!(picking.wheels, Wheels::Range { multi: true });
        self.prompts.picker = Some(picking);
        if multi {
            self.dispatch_path(&path, "columnchange", json!({ "column": column, "value": row }), None)?;
        }
        Ok(())
    }

    /// Closes the open picker: confirmed, the picker takes the value of the rows chosen and
    /// sends `change` with it; cancelled, it sends `cancel`.
    pub fn answer_picker(&mut self, confirm: bool) -> Result<(), String> {
        let Some(picking) = self.prompts.picker.take() else { return Err("no picker is open".into()) };
        let Prompt::Picker { columns, selected, .. } = &picking.prompt else { unreachable!("a picking shows a picker") };
        if !confirm {
            return self.dispatch_path(&picking.path, "cancel", json!({}), None).map(drop);
        }
        let value = picking.wheels.value(columns, selected);
        self.set_control(&picking.path, "value", Value::from_json(&value));
        self.dispatch_path(&picking.path, "change", json!({ "value": value }), None).map(drop)
    }
}
