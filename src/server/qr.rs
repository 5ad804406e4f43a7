//! QR codes as SVG, for what is printed: each ballot card's signed token, and the result hash
//! on the minutes.

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// `text` as a QR code in SVG, with its quiet zone; `None` when it is too long for a QR code.
pub fn svg(text: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    Some(
        code.render::<svg::Color>()
            .min_dimensions(160, 160)
            .quiet_zone(true)
            .build(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_card_token_fits_in_a_qr_code() {
        let token = format!(
            "BB1.{}.general.{}.{}",
            "c".repeat(36),
            "A".repeat(21),
            "f".repeat(128)
        );
        let image = svg(&token).unwrap();
        assert!(
            image.starts_with("<?xml") && image.contains("<svg"),
            "{image}"
        );
    }

    #[test]
    fn text_beyond_a_qr_codes_capacity_gives_none() {
        assert_eq!(svg(&"x".repeat(5000)), None);
    }
}
