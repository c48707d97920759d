#include "providers/meta/MetaSignature.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QString>

namespace
{

const QByteArray kPrefix = QByteArrayLiteral("sha256=");

bool isAscii(const QByteArray& bytes)
{
    for (const char c : bytes) {
        if (static_cast<unsigned char>(c) > 0x7e) {
            return false;
        }
    }
    return true;
}

// whatsapp-api-js's escapeUnicode: every UTF-16 unit above '~' becomes \uxxxx; "/" is left alone.
QByteArray reescapeNonAscii(const QByteArray& body)
{
    const QString text = QString::fromUtf8(body);
    QByteArray out;
    out.reserve(body.size() + body.size() / 2);
    for (const QChar unit : text) {
        if (unit.unicode() > 0x7e) {
            out += "\\u" + QByteArray::number(unit.unicode(), 16).rightJustified(4, '0');
        } else {
            out += static_cast<char>(unit.unicode());
        }
    }
    return out;
}

} // namespace

namespace MetaSignature
{

QByteArray sign(const QByteArray& appSecret, const QByteArray& body)
{
    return kPrefix + QMessageAuthenticationCode::hash(body, appSecret, QCryptographicHash::Sha256).toHex();
}

bool verify(const QByteArray& appSecret, const QByteArray& body, const QByteArray& header)
{
    const QByteArray given = header.trimmed().toLower();
    if (appSecret.isEmpty() || !given.startsWith(kPrefix)) {
        return false;
    }
    if (constantTimeEquals(sign(appSecret, body), given)) {
        return true;
    }
    return !isAscii(body) && constantTimeEquals(sign(appSecret, reescapeNonAscii(body)), given);
}

bool constantTimeEquals(const QByteArray& a, const QByteArray& b)
{
    if (a.size() != b.size()) {
        return false;
    }
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i) {
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    }
    return diff == 0;
}

} // namespace MetaSignature
