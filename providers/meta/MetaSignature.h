#pragma once

#include <QByteArray>

// X-Hub-Signature-256 (wire reference §9): "sha256=" + lowercase hex HMAC-SHA256(app secret, body bytes
// exactly as received).
namespace MetaSignature
{

// The full header value for `body`: "sha256=<64 hex>".
QByteArray sign(const QByteArray& appSecret, const QByteArray& body);

// True when `header` is a valid signature of `body`. Compares in constant time. When the body holds
// non-ASCII bytes (a proxy decoded Meta's \u escapes), the re-escaped body is tried as well (§9.2).
bool verify(const QByteArray& appSecret, const QByteArray& body, const QByteArray& header);

// Constant-time equality for secrets and signatures; only the lengths leak.
bool constantTimeEquals(const QByteArray& a, const QByteArray& b);

} // namespace MetaSignature
