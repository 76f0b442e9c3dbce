//! Precompressed copies (`.br`, `.gz`) written beside the bundle files.
//!
//! The server sends them as they are (tower-http `precompressed_br`/`precompressed_gzip`),
//! so the slowest, smallest settings cost build time once instead of CPU on every request.

use std::io::Write;

use flate2::Compression;
use flate2::write::GzEncoder;

/// Brotli at quality 11 (the maximum) with a 4 MiB window, larger than any bundle file.
pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        size_hint: bytes.len(),
        ..Default::default()
    };
    let mut compressed = Vec::new();
    let mut input = bytes;
    // Reading from a slice into a Vec cannot fail: the only errors are I/O errors.
    if let Err(error) = brotli::BrotliCompress(&mut input, &mut compressed, &params) {
        unreachable!("brotli into memory failed: {error}");
    }
    compressed
}

/// gzip at the best level; the header carries no timestamp, so builds are reproducible.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    match encoder.write_all(bytes).and_then(|()| encoder.finish()) {
        Ok(compressed) => compressed,
        Err(error) => unreachable!("gzip into memory failed: {error}"),
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    fn sample() -> Vec<u8> {
        "<p>Drucker druckt nicht / printer does not print</p>\n"
            .repeat(200)
            .into_bytes()
    }

    #[test]
    fn brotli_round_trips_and_shrinks_text() {
        let compressed = brotli(&sample());
        assert!(compressed.len() * 10 < sample().len());
        let mut restored = Vec::new();
        brotli::Decompressor::new(compressed.as_slice(), 4096)
            .read_to_end(&mut restored)
            .unwrap();
        assert_eq!(restored, sample());
    }

    #[test]
    fn gzip_round_trips_and_is_reproducible() {
        let compressed = gzip(&sample());
        assert_eq!(compressed, gzip(&sample()));
        let mut restored = Vec::new();
        flate2::read::GzDecoder::new(compressed.as_slice())
            .read_to_end(&mut restored)
            .unwrap();
        assert_eq!(restored, sample());
    }
}
