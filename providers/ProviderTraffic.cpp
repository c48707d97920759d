#include "providers/ProviderTraffic.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaMethod>
#include <QRegularExpression>
#include <QUrlQuery>

namespace
{

const QString kMask = QStringLiteral("••••");

// The words that make a header, a query parameter or a field a secret (matched anywhere in the
// name, case-insensitively: access_token, X-Twilio-Signature, client_secret, X-Amz-Credential).
const QList<QLatin1String>& secretWords()
{
    static const QList<QLatin1String> words = {
        QLatin1String("token"),
        QLatin1String("secret"),
        QLatin1String("password"),
        QLatin1String("passwd"),
        QLatin1String("signature"),
        QLatin1String("authorization"),
        QLatin1String("cookie"),
        QLatin1String("api-key"),
        QLatin1String("api_key"),
        QLatin1String("apikey"),
        QLatin1String("credential"),
        QLatin1String("private_key"),
        QLatin1String("privatekey"),
    };
    return words;
}

QString secretWordPattern()
{
    QStringList words;
    for (const QLatin1String& word : secretWords()) {
        words << QRegularExpression::escape(word);
    }
    return QStringLiteral("(?:") + words.join(QLatin1Char('|')) + QLatin1Char(')');
}

// `name=value` where the name holds a secret word, at the start, after ?, &, ; or a separator.
const QRegularExpression& pairPattern()
{
    static const QRegularExpression pattern(
        QStringLiteral(R"((^|[?&;\s"'(,])([\w.~%\[\]-]*%1[\w.~%\[\]-]*)=([^&\s"'#<>,;)]*))").arg(secretWordPattern()),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
    return pattern;
}

// `"name": value` where the name holds a secret word; the value may be a string cut at the end.
const QRegularExpression& jsonPairPattern()
{
    static const QRegularExpression pattern(
        QStringLiteral(R"(("[^"\\]*%1[^"\\]*"\s*:\s*)(?:"(?:[^"\\]|\\.)*(?:"|\\?$)|[^,}\]\s{\[]+))")
            .arg(secretWordPattern()),
        QRegularExpression::CaseInsensitiveOption);
    return pattern;
}

// A string value that holds a URL may carry a token in its query (Graph API paging links do).
QString maskUrlsIn(const QString& text)
{
    return text.contains(QLatin1Char('=')) && text.contains(QLatin1String("://")) ? ProviderTraffic::maskText(text)
                                                                                  : text;
}

QJsonValue maskJson(const QJsonValue& value)
{
    if (value.isObject()) {
        QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            it.value() = ProviderTraffic::isSecretName(it.key()) && !it.value().isObject() && !it.value().isArray()
                             ? QJsonValue(kMask)
                             : maskJson(it.value());
        }
        return object;
    }
    if (value.isArray()) {
        QJsonArray array = value.toArray();
        for (auto it = array.begin(); it != array.end(); ++it) {
            *it = maskJson(*it);
        }
        return array;
    }
    if (value.isString()) {
        return maskUrlsIn(value.toString());
    }
    return value;
}

QUrlQuery maskQuery(QUrlQuery query)
{
    const auto items = query.queryItems(QUrl::FullyEncoded);
    QUrlQuery masked;
    for (const auto& [key, value] : items) {
        QString shown = value;
        if (ProviderTraffic::isSecretName(QUrl::fromPercentEncoding(key.toUtf8()))) {
            shown = kMask;
        } else {
            // A field that holds a URL (a status callback) may carry a token of its own.
            const QString decoded =
                QUrl::fromPercentEncoding(QString(value).replace(QLatin1Char('+'), QLatin1Char(' ')).toUtf8());
            const QString maskedValue = maskUrlsIn(decoded);
            if (maskedValue != decoded) {
                shown = QString::fromLatin1(QUrl::toPercentEncoding(maskedValue));
            }
        }
        masked.addQueryItem(key, shown);
    }
    return masked;
}

} // namespace

ProviderTraffic::ProviderTraffic(int capacity, QObject* parent)
    : QObject(parent)
    , m_capacity(qMax(1, capacity))
{
}

bool ProviderTraffic::isSecretName(QStringView name)
{
    for (const QLatin1String& word : secretWords()) {
        if (name.contains(word, Qt::CaseInsensitive)) {
            return true;
        }
    }
    return false;
}

bool ProviderTraffic::isTextual(const QByteArray& contentType)
{
    return contentType.isEmpty() || contentType.contains("json") || contentType.startsWith("text/")
           || contentType.contains("xml") || contentType.contains("form") || contentType.contains("javascript");
}

QString ProviderTraffic::maskText(const QString& text)
{
    QString masked = text;
    masked.replace(pairPattern(), QStringLiteral("\\1\\2=") + kMask);
    masked.replace(jsonPairPattern(), QStringLiteral("\\1\"") + kMask + QLatin1Char('"'));
    return masked;
}

QByteArray ProviderTraffic::maskHeader(const QByteArray& name, const QByteArray& value)
{
    if (name.compare("Authorization", Qt::CaseInsensitive) == 0) {
        // Keep the scheme (Basic, Bearer): it tells which credential went, never the credential.
        const qsizetype space = value.indexOf(' ');
        return (space > 0 ? value.left(space + 1) : QByteArray()) + kMask.toUtf8();
    }
    if (isSecretName(QString::fromLatin1(name))) {
        return kMask.toUtf8();
    }
    // Location, Content-Location, Link: a signed URL's signature and session token go too.
    return value.contains('=') ? maskText(QString::fromUtf8(value)).toUtf8() : value;
}

QUrl ProviderTraffic::maskUrl(const QUrl& url)
{
    QUrl masked = url;
    masked.setUserInfo(QString());
    if (url.hasQuery()) {
        masked.setQuery(maskQuery(QUrlQuery(url)));
    }
    return masked;
}

QByteArray ProviderTraffic::maskBody(const QByteArray& body, const QByteArray& contentType)
{
    if (body.isEmpty()) {
        return body;
    }
    if (body.size() > kMaxMaskedBytes) {
        return maskText(QString::fromUtf8(body.left(kMaxMaskedBytes))).toUtf8();
    }
    if (contentType.contains("json")) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(body, &error);
        if (error.error == QJsonParseError::NoError) {
            const QJsonValue masked =
                maskJson(document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object()));
            return (masked.isArray() ? QJsonDocument(masked.toArray()) : QJsonDocument(masked.toObject()))
                .toJson(QJsonDocument::Compact);
        }
    }
    if (contentType.contains("x-www-form-urlencoded")) {
        QUrlQuery form;
        form.setQuery(QString::fromUtf8(body));
        return maskQuery(form).query(QUrl::FullyEncoded).toUtf8();
    }
    // Text, XML, a JSON document that did not parse (cut, broken): masked as text.
    return maskText(QString::fromUtf8(body)).toUtf8();
}

bool ProviderTraffic::isWatched() const
{
    return m_watched.load(std::memory_order_relaxed);
}

void ProviderTraffic::connectNotify(const QMetaMethod& signal)
{
    if (signal == QMetaMethod::fromSignal(&ProviderTraffic::recorded)) {
        m_watched.store(true, std::memory_order_relaxed);
    }
}

void ProviderTraffic::record(ProviderExchange exchange)
{
    exchange.url = maskUrl(exchange.url);
    QByteArray requestType;
    for (auto& [name, value] : exchange.requestHeaders) {
        if (name.compare("Content-Type", Qt::CaseInsensitive) == 0) {
            requestType = value;
        }
        value = maskHeader(name, value);
    }
    QByteArray responseType;
    for (auto& [name, value] : exchange.responseHeaders) {
        if (name.compare("Content-Type", Qt::CaseInsensitive) == 0) {
            responseType = value;
        }
        value = maskHeader(name, value);
    }
    // Masked whole, then cut: a cut JSON document would not parse, and its secrets would stay.
    exchange.requestBody = maskBody(exchange.requestBody, requestType).left(kMaxBodyBytes);
    exchange.networkError = maskText(exchange.networkError); // Qt's messages may quote the URL
    exchange.responseBytes = qMax<qint64>(exchange.responseBytes, exchange.responseBody.size());
    if (!isTextual(responseType)) {
        // A media download is bytes, not text: keep only the size in words.
        exchange.responseBody = QByteArrayLiteral("(") + QByteArray::number(exchange.responseBytes)
                                + QByteArrayLiteral(" bytes of ") + responseType + QByteArrayLiteral(")");
    } else {
        const QByteArray masked = maskBody(exchange.responseBody, responseType);
        exchange.bodyTruncated = exchange.bodyTruncated || masked.size() > kMaxBodyBytes
                                 || exchange.responseBytes > exchange.responseBody.size();
        exchange.responseBody = masked.left(kMaxBodyBytes);
    }
    {
        const QMutexLocker lock(&m_mutex);
        exchange.id = m_nextId++;
        m_ring.push_back(exchange);
        while (int(m_ring.size()) > m_capacity) {
            m_ring.pop_front();
        }
    }
    emit recorded(exchange);
}

QList<ProviderExchange> ProviderTraffic::exchanges() const
{
    const QMutexLocker lock(&m_mutex);
    return QList<ProviderExchange>(m_ring.cbegin(), m_ring.cend());
}

void ProviderTraffic::clear()
{
    {
        const QMutexLocker lock(&m_mutex);
        m_ring.clear();
    }
    emit cleared();
}
