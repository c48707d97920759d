#pragma once

#include "app/store/StoreTypes.h"

#include <QCache>
#include <QHash>
#include <QImage>
#include <QObject>
#include <QPointer>
#include <QSize>

#include <functional>

class ServiceClient;

// Inbound images' thumbnails for the thread: image() starts a fetch the first time a message's
// pixels are asked for; the file is decoded off the GUI thread, scaled to the thumbnail's size, and
// kept in a cache bounded in bytes (an evicted image is decoded again from the fetched file).
// changed(id) says a message's thumbnail, size or error is new.
class ThumbnailCache : public QObject
{
    Q_OBJECT
public:
    static constexpr int kWidth = 240;
    static constexpr int kMaxHeight = 320;
    static constexpr int kMinWidth = 96;
    static constexpr qint64 kDefaultMaxBytes = 48LL * 1024 * 1024;
    // Fetches a message's media to a local file, answering on `context`'s thread with its path.
    using Fetcher = std::function<void(qint64 messageId, QObject* context, Callback<QString> done)>;

    explicit ThumbnailCache(QObject* parent = nullptr);
    ~ThumbnailCache() override;

    // Where thumbnails come from (ServiceClient::fetchMedia); none: images show as text.
    void setService(ServiceClient* service);
    // Another source, used while no service is set (tests); an empty one fetches nothing.
    void setFetcher(Fetcher fetcher);

    void setMaxBytes(qint64 bytes);
    qint64 maxBytes() const;
    // Bytes the decoded images held now take; never more than maxBytes().
    qint64 totalBytes() const;

    // An inbound image or sticker with media to fetch.
    static bool applies(const StoredMessage& message);
    // The decoded thumbnail; null until it is ready, and asking starts the fetch (or a decode
    // again after eviction) from the event loop, never on the caller's stack.
    QImage image(qint64 messageId);
    // The room it takes: the image's size, a placeholder while loading, invalid when it failed or
    // `message` has no thumbnail. Never fetches.
    QSize size(const StoredMessage& message) const;
    // Why it could not be shown; empty otherwise.
    QString error(qint64 messageId) const;
    bool isCached(qint64 messageId) const;

    // Reads the file at `path` scaled down to the thumbnail's size (a tiny picture scaled up to
    // kMinWidth). Any thread. A null image and `error` when it cannot be read.
    static QImage decode(const QString& path, QString* error = nullptr);

signals:
    void changed(qint64 messageId);

private:
    enum class State
    {
        Loading,
        Ready,
        Failed,
    };

    bool canFetch() const;
    void start(qint64 id);
    void done(qint64 id, const QImage& image, const QString& error);

    QPointer<ServiceClient> m_service;
    Fetcher m_fetcher;
    QHash<qint64, State> m_state;
    QHash<qint64, QString> m_errors;
    QHash<qint64, QSize> m_sizes;
    QCache<qint64, QImage> m_images; // cost: bytes
};
