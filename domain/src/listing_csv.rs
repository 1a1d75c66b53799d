//! Listings as CSV rows, for bulk import and export: the columns, reading a row into
//! a listing form, and the per-row error report. Parsing the CSV text itself is the
//! caller's (a CSV library); this module decides what each row means.

use serde::{Deserialize, Serialize};

use crate::listing::{validate, Listing, ListingForm};
use crate::{Currency, FieldErrorCode};

/// The columns, in export order. `id` blank creates a listing; an id updates that
/// listing (which must be the importing shop's).
pub const COLUMNS: [&str; 14] = [
    "id",
    "sku",
    "title_en",
    "title_zh",
    "description_en",
    "description_zh",
    "category",
    "brand",
    "condition",
    "price",
    "compare_at",
    "stock",
    "low_stock",
    "weight_g",
];

/// Most rows one file may hold.
pub const MAX_ROWS: usize = 20_000;

/// What happens to a file with some bad rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportMode {
    /// Import nothing unless every row is valid.
    AllOrNothing,
    /// Import the valid rows, report the others.
    ValidRows,
}

impl ImportMode {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "all" => Some(ImportMode::AllOrNothing),
            "valid" => Some(ImportMode::ValidRows),
            _ => None,
        }
    }
}

/// One refused cell (or row): 1-based data row number (the header is row 0).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    pub row: usize,
    pub field: String,
    pub code: FieldErrorCode,
}

/// Where each known column is in the file's header; unknown columns are ignored,
/// `title_en`/`title_zh`, `category`, `price` and `stock` are required.
pub fn header_map(header: &[String]) -> Result<[Option<usize>; 14], Vec<String>> {
    let mut map = [None; 14];
    for (i, name) in header.iter().enumerate() {
        let name = name
            .trim()
            .trim_start_matches('\u{feff}')
            .to_ascii_lowercase();
        if let Some(c) = COLUMNS.iter().position(|c| *c == name) {
            map[c] = Some(i);
        }
    }
    let missing: Vec<String> = ["category", "price", "stock"]
        .iter()
        .filter(|c| map[COLUMNS.iter().position(|x| x == *c).unwrap_or(0)].is_none())
        .map(|c| c.to_string())
        .collect();
    let titles = [2, 3].iter().any(|i| map[*i].is_some());
    if missing.is_empty() && titles {
        Ok(map)
    } else {
        let mut m = missing;
        if !titles {
            m.push("title_en".into());
        }
        Err(m)
    }
}

/// One data row, read and checked: the listing id it updates (if any) and the listing.
pub fn read_row(
    row: usize,
    cells: &[String],
    map: &[Option<usize>; 14],
    currency: Currency,
) -> Result<(Option<String>, Listing), Vec<RowError>> {
    let cell = |c: usize| -> String {
        map[c]
            .and_then(|i| cells.get(i))
            .map(|s| s.trim().to_string())
            .unwrap_or_default()
    };
    let id = cell(0);
    let mut errors = Vec::new();
    let well_formed = id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !well_formed {
        errors.push(RowError {
            row,
            field: "id".into(),
            code: FieldErrorCode::InvalidChoice,
        });
    }
    let form = ListingForm {
        sku: cell(1),
        title_en: cell(2),
        title_zh: cell(3),
        description_en: cell(4),
        description_zh: cell(5),
        category: cell(6),
        brand: cell(7),
        condition: if cell(8).is_empty() {
            "new".into()
        } else {
            cell(8)
        },
        currency: currency.code().to_string(),
        price: cell(9),
        compare_at: cell(10),
        // floors are set in the listing editor; an import keeps them
        floor: String::new(),
        stock: cell(11),
        low_stock: cell(12),
        weight_g: cell(13),
        publish_at: String::new(),
        delist_at: String::new(),
    };
    match validate(&form, currency) {
        Ok(listing) if errors.is_empty() => Ok(((!id.is_empty()).then_some(id), listing)),
        Ok(_) => Err(errors),
        Err(es) => {
            errors.extend(es.into_iter().map(|e| RowError {
                row,
                field: e.field,
                code: e.code,
            }));
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn headers() {
        let map = header_map(&strings(&[
            "\u{feff}Title_EN",
            "category",
            "price",
            "stock",
            "extra",
        ]))
        .unwrap();
        assert_eq!(map[2], Some(0));
        assert_eq!(map[9], Some(2));
        assert_eq!(
            header_map(&strings(&["title_en", "price"])),
            Err(strings(&["category", "stock"]))
        );
        assert_eq!(
            header_map(&strings(&["category", "price", "stock"])),
            Err(strings(&["title_en"]))
        );
    }

    #[test]
    fn rows() {
        let map = header_map(&strings(&["id", "title_en", "category", "price", "stock"])).unwrap();
        let (id, l) = read_row(
            1,
            &strings(&["", "Kite", "toys", "1,280", "12"]),
            &map,
            Currency::TWD,
        )
        .unwrap();
        assert_eq!(id, None);
        assert_eq!(l.price.amount_minor, 1280);
        let (id, _) = read_row(
            2,
            &strings(&["sabc", "Kite", "toys", "10", "1"]),
            &map,
            Currency::TWD,
        )
        .unwrap();
        assert_eq!(id.as_deref(), Some("sabc"));
        let errs = read_row(
            3,
            &strings(&["../x", "Kite", "toys", "-1", "many"]),
            &map,
            Currency::TWD,
        )
        .unwrap_err();
        let got: Vec<(usize, &str, FieldErrorCode)> = errs
            .iter()
            .map(|e| (e.row, e.field.as_str(), e.code))
            .collect();
        assert_eq!(
            got,
            vec![
                (3, "id", FieldErrorCode::InvalidChoice),
                (3, "price", FieldErrorCode::InvalidPrice),
                (3, "stock", FieldErrorCode::InvalidNumber)
            ]
        );
        // a short row is missing cells, not an index error
        let errs = read_row(4, &strings(&["", "Kite"]), &map, Currency::TWD).unwrap_err();
        assert!(errs.iter().any(|e| e.field == "category"));
    }
}
