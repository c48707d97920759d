#include "providers/twilio/TwilioSignature.h"

#include <QCryptographicHash>
#include <QMap>
#include <QMessageAuthenticationCode>
#include <QUrlQuery>

#include <algorithm>

namespace TwilioSignature
{

QByteArray stringToSign(const QString& url, const Form::Fields& params)
{
    // QMap<QByteArray, ...> orders names by their UTF-8 bytes, as §4.5 asks.
    QMap<QByteArray, QStringList> grouped;
    for (const auto& [name, value] : params) {
        QStringList& values = grouped[name.toUtf8()];
        if (!values.contains(value)) {
            values.append(value);
        }
    }
    QByteArray data = url.toUtf8();
    for (auto it = grouped.begin(); it != grouped.end(); ++it) {
        QStringList values = it.value();
        // QString compares UTF-16 code units, like JavaScript's default sort in twilio-node.
        std::sort(values.begin(), values.end());
        for (const QString& value : std::as_const(values)) {
            data += it.key() + value.toUtf8();
        }
    }
    return data;
}

QByteArray sign(const QString& authToken, const QString& url, const Form::Fields& params)
{
    return QMessageAuthenticationCode::hash(stringToSign(url, params), authToken.toUtf8(), QCryptographicHash::Sha1)
        .toBase64();
}

QStringList urlVariants(const QUrl& url)
{
    QStringList variants{url.toString(QUrl::FullyEncoded)};
    QUrl withoutPort = url;
    withoutPort.setPort(-1);
    variants.append(withoutPort.toString(QUrl::FullyEncoded));
    if (url.port() == -1) {
        QUrl withPort = url;
        withPort.setPort(url.scheme() == QLatin1String("https") ? 443 : 80);
        variants.append(withPort.toString(QUrl::FullyEncoded));
    }
    variants.removeDuplicates();
    return variants;
}

bool verify(const QString& authToken,
            const QUrl& url,
            const Form::Fields& params,
            const QByteArray& signature,
            const QByteArray& rawBody)
{
    const QByteArray given = signature.trimmed();
    if (given.isEmpty() || authToken.isEmpty()) {
        return false;
    }
    const QUrlQuery query(url);
    const bool jsonBody = query.hasQueryItem(QStringLiteral("bodySHA256"));
    if (jsonBody) {
        const QByteArray expectedHash = query.queryItemValue(QStringLiteral("bodySHA256")).toLatin1();
        const QByteArray actualHash = QCryptographicHash::hash(rawBody, QCryptographicHash::Sha256).toHex();
        if (!constantTimeEquals(expectedHash.toLower(), actualHash)) {
            return false;
        }
    }
    bool matched = false;
    const QStringList variants = urlVariants(url);
    for (const QString& variant : variants) {
        // No early exit: every variant is checked, so timing does not reveal which form matched.
        matched |= constantTimeEquals(given, sign(authToken, variant, jsonBody ? Form::Fields{} : params));
    }
    return matched;
}

bool constantTimeEquals(const QByteArray& a, const QByteArray& b)
{
    if (a.size() != b.size()) {
        return false;
    }
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i) {
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    }
    return diff == 0;
}

} // namespace TwilioSignature
