#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QPair>
#include <QString>
#include <QUrl>

#include <atomic>
#include <deque>

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// One HTTP request to a provider and what came back, with every secret already masked.
struct ProviderExchange
{
    qint64 id = 0;
    QDateTime startedAt;
    qint64 durationMs = 0;
    QByteArray method;
    QUrl url;
    HeaderList requestHeaders;
    QByteArray requestBody;
    int httpStatus = 0; // 0: no HTTP answer (see networkError)
    QString networkError;
    HeaderList responseHeaders;
    QByteArray responseBody;
    qint64 responseBytes = 0; // the whole response body's size, even when only part is kept
    bool bodyTruncated = false;

    bool failed() const
    {
        return httpStatus == 0 || httpStatus >= 400;
    }
};

// The last provider requests and responses, for the console's request inspector. NetworkPool
// records every exchange here; masking happens on the way in, so nothing stored can leak a token.
// Bounded: the oldest exchange goes when the ring is full. Recorded on the provider's thread; the
// console reads snapshots and clears from its own thread, so the ring is guarded by a mutex and
// the signals reach other threads queued.
class ProviderTraffic : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultCapacity = 200;
    static constexpr qsizetype kMaxBodyBytes = 64 * 1024;
    // A textual body is masked whole before it is cut to kMaxBodyBytes: a JSON document cut first
    // would no longer parse, and its secrets would go unmasked. Beyond this, a textual fallback masks.
    static constexpr qsizetype kMaxMaskedBytes = 4 * 1024 * 1024;

    explicit ProviderTraffic(int capacity = kDefaultCapacity, QObject* parent = nullptr);

    // Whether anything shows the exchanges: from the first connection to recorded() on (the
    // console's request inspector). A headless receiver never connects, so it never pays for
    // copying and masking every request (6% of its time when sending). Any thread.
    bool isWatched() const;
    // Masks and keeps the exchange (its id is assigned here), then emits recorded().
    void record(ProviderExchange exchange);
    QList<ProviderExchange> exchanges() const; // oldest first
    void clear();

    // What may be shown of a header, a URL or a body.
    static QByteArray maskHeader(const QByteArray& name, const QByteArray& value);
    static QUrl maskUrl(const QUrl& url);
    static QByteArray maskBody(const QByteArray& body, const QByteArray& contentType);
    // Secrets inside free text: `name=value` pairs of URLs (the token a Graph API `paging.next`
    // link carries, a signed CDN URL in a Location header) and `"name": value` pairs of JSON that
    // did not parse (a cut or broken document).
    static QString maskText(const QString& text);
    static bool isSecretName(QStringView name);
    // JSON, text, XML, forms and bodies without a type are kept (masked); anything else, such as
    // a media download, is kept as its size only.
    static bool isTextual(const QByteArray& contentType);

signals:
    void recorded(const ProviderExchange& exchange);
    void cleared();

protected:
    void connectNotify(const QMetaMethod& signal) override;

private:
    std::atomic<bool> m_watched{false};
    mutable QMutex m_mutex; // guards m_ring and m_nextId
    std::deque<ProviderExchange> m_ring;
    int m_capacity;
    qint64 m_nextId = 1;
};
