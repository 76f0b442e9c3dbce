//! Size limits of request bodies.

/// Body limit of every route unless it says otherwise.
pub const DEFAULT_BODY_BYTES: usize = 64 * 1024;

/// Body limit of routes that carry attachments: three files of 5 MB, base64-encoded
/// (4/3), plus the JSON around them.
pub const ATTACHMENT_BODY_BYTES: usize =
    domain::api::MAX_ATTACHMENTS * domain::api::MAX_ATTACHMENT_BYTES * 4 / 3 + 512 * 1024;
