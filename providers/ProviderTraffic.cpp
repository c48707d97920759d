#include "providers/ProviderTraffic.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace
{

const QString kMask = QStringLiteral("••••");

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
    return value;
}

QUrlQuery maskQuery(QUrlQuery query)
{
    const auto items = query.queryItems(QUrl::FullyEncoded);
    QUrlQuery masked;
    for (const auto& [key, value] : items) {
        masked.addQueryItem(key,
                            ProviderTraffic::isSecretName(QUrl::fromPercentEncoding(key.toUtf8())) ? kMask : value);
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
    static const QList<QLatin1String> words = {
        QLatin1String("token"),
        QLatin1String("secret"),
        QLatin1String("password"),
        QLatin1String("signature"),
        QLatin1String("authorization"),
        QLatin1String("cookie"),
        QLatin1String("api-key"),
        QLatin1String("apikey"),
    };
    for (const QLatin1String& word : words) {
        if (name.contains(word, Qt::CaseInsensitive)) {
            return true;
        }
    }
    return false;
}

QByteArray ProviderTraffic::maskHeader(const QByteArray& name, const QByteArray& value)
{
    if (name.compare("Authorization", Qt::CaseInsensitive) == 0) {
        // Keep the scheme (Basic, Bearer): it tells which credential went, never the credential.
        const qsizetype space = value.indexOf(' ');
        return (space > 0 ? value.left(space + 1) : QByteArray()) + kMask.toUtf8();
    }
    return isSecretName(QString::fromLatin1(name)) ? kMask.toUtf8() : value;
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
    return body;
}

void ProviderTraffic::record(ProviderExchange exchange)
{
    exchange.id = m_nextId++;
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
    exchange.requestBody = maskBody(exchange.requestBody.left(kMaxBodyBytes), requestType);
    exchange.bodyTruncated = exchange.bodyTruncated || exchange.responseBody.size() > kMaxBodyBytes;
    // A media download is bytes, not text: keep only the size in words.
    if (!responseType.isEmpty() && !responseType.contains("json") && !responseType.startsWith("text/")
        && !responseType.contains("xml") && !responseType.contains("form")) {
        exchange.responseBody = QByteArrayLiteral("(") + QByteArray::number(exchange.responseBody.size())
                                + QByteArrayLiteral(" bytes of ") + responseType + QByteArrayLiteral(")");
    } else {
        exchange.responseBody = maskBody(exchange.responseBody.left(kMaxBodyBytes), responseType);
    }
    m_ring.push_back(exchange);
    while (int(m_ring.size()) > m_capacity) {
        m_ring.pop_front();
    }
    emit recorded(m_ring.back());
}

QList<ProviderExchange> ProviderTraffic::exchanges() const
{
    return QList<ProviderExchange>(m_ring.cbegin(), m_ring.cend());
}

void ProviderTraffic::clear()
{
    m_ring.clear();
    emit cleared();
}
