//! Assets compiled into the binary.
//!
//! The fonts are a GB2312-plus subset of Noto Sans CJK SC renamed to "Yiban Sans"; see
//! `assets/fonts/README.md` for how they are made and `assets/fonts/LICENSE-OFL.txt` for their
//! licence (SIL OFL 1.1), which must ship with the binary.

/// Yiban Sans Regular (OpenType/CFF, weight 400).
pub const FONT_REGULAR: &[u8] = include_bytes!("../assets/fonts/YibanSans-Regular.otf");

/// Yiban Sans Bold (OpenType/CFF, weight 700).
pub const FONT_BOLD: &[u8] = include_bytes!("../assets/fonts/YibanSans-Bold.otf");

/// The family name both fonts declare (name IDs 1 and 16).
pub const FONT_FAMILY: &str = "Yiban Sans";

#[cfg(test)]
mod tests {
    use super::*;

    fn u16_at(data: &[u8], at: usize) -> Option<u16> {
        Some(u16::from_be_bytes([*data.get(at)?, *data.get(at + 1)?]))
    }

    fn u32_at(data: &[u8], at: usize) -> Option<u32> {
        let b = data.get(at..at + 4)?;
        Some(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// The Windows-platform (3, 1, en-US) string of `name_id` in an sfnt's `name` table.
    fn name_record(font: &[u8], name_id: u16) -> Option<String> {
        let num_tables = usize::from(u16_at(font, 4)?);
        let name =
            (0..num_tables).map(|i| 12 + 16 * i).find(|&rec| font.get(rec..rec + 4) == Some(b"name"))?;
        let table = usize::try_from(u32_at(font, name + 8)?).ok()?;
        let count = usize::from(u16_at(font, table + 2)?);
        let storage = table + usize::from(u16_at(font, table + 4)?);
        (0..count).map(|i| table + 6 + 12 * i).find_map(|rec| {
            let fields: Vec<u16> = (0..6).map(|k| u16_at(font, rec + 2 * k)).collect::<Option<_>>()?;
            if fields[..4] != [3, 1, 0x0409, name_id] {
                return None;
            }
            let start = storage + usize::from(fields[5]);
            let bytes = font.get(start..start + usize::from(fields[4]))?;
            let units: Vec<u16> = bytes.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
            String::from_utf16(&units).ok()
        })
    }

    #[test]
    fn fonts_are_opentype_cff_and_reasonably_sized() {
        for font in [FONT_REGULAR, FONT_BOLD] {
            assert_eq!(&font[..4], b"OTTO", "not an OpenType/CFF font");
            assert!(font.len() > 1_000_000, "suspiciously small: {}", font.len());
            assert!(font.len() < 4_000_000, "subset too large: {}", font.len());
        }
    }

    #[test]
    fn fonts_declare_the_renamed_family() {
        for (font, style) in [(FONT_REGULAR, "Regular"), (FONT_BOLD, "Bold")] {
            assert_eq!(name_record(font, 1).as_deref(), Some(FONT_FAMILY));
            assert_eq!(name_record(font, 16).as_deref(), Some(FONT_FAMILY));
            assert_eq!(name_record(font, 2).as_deref(), Some(style));
            let ps = format!("YibanSans-{style}");
            assert_eq!(name_record(font, 6), Some(ps));
            // The family name also appears as UTF-16BE bytes, as a loader would see it.
            let utf16: Vec<u8> = FONT_FAMILY.encode_utf16().flat_map(u16::to_be_bytes).collect();
            assert!(font.windows(utf16.len()).any(|w| w == utf16.as_slice()));
        }
    }

    #[test]
    fn no_noto_family_name_left() {
        for font in [FONT_REGULAR, FONT_BOLD] {
            for id in [1, 4, 6, 16] {
                let name = name_record(font, id).unwrap_or_default();
                assert!(!name.contains("Noto"), "name id {id} is still {name:?}");
            }
        }
    }
}
