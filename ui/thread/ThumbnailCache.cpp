#include "ui/thread/ThumbnailCache.h"

#include "app/service/ServiceClient.h"
#include "ui/UiLogging.h"

#include <QFutureWatcher>
#include <QImageReader>
#include <QtConcurrent/QtConcurrentRun>

#include <climits>

namespace
{

const QSize kPlaceholder(ThumbnailCache::kWidth, 150);

struct Decoded
{
    QImage image;
    QString error;
};

Decoded decodeFile(const QString& path)
{
    Decoded out;
    out.image = ThumbnailCache::decode(path, &out.error);
    return out;
}

} // namespace

ThumbnailCache::ThumbnailCache(QObject* parent)
    : QObject(parent)
{
    m_images.setMaxCost(kDefaultMaxBytes);
}

ThumbnailCache::~ThumbnailCache() = default;

void ThumbnailCache::setService(ServiceClient* service)
{
    m_service = service;
}

void ThumbnailCache::setFetcher(Fetcher fetcher)
{
    m_fetcher = std::move(fetcher);
}

void ThumbnailCache::setMaxBytes(qint64 bytes)
{
    m_images.setMaxCost(qMax<qint64>(0, bytes));
}

qint64 ThumbnailCache::maxBytes() const
{
    return m_images.maxCost();
}

qint64 ThumbnailCache::totalBytes() const
{
    return m_images.totalCost();
}

bool ThumbnailCache::applies(const StoredMessage& m)
{
    return m.direction == MessageDirection::Inbound && (m.type == MessageType::Image || m.type == MessageType::Sticker)
           && (!m.mediaId.isEmpty() || !m.mediaUrl.isEmpty());
}

QImage ThumbnailCache::image(qint64 id)
{
    if (const QImage* image = m_images.object(id)) {
        return *image;
    }
    const auto state = m_state.constFind(id);
    // Evicted from the cache: decode it again (the file is still on disk).
    if (state == m_state.cend() || *state == State::Ready) {
        start(id);
    }
    return QImage();
}

QSize ThumbnailCache::size(const StoredMessage& message) const
{
    if (!applies(message) || m_state.value(message.id) == State::Failed) {
        return QSize();
    }
    return m_sizes.value(message.id, kPlaceholder);
}

QString ThumbnailCache::error(qint64 id) const
{
    return m_errors.value(id);
}

bool ThumbnailCache::isCached(qint64 id) const
{
    return m_images.contains(id);
}

QImage ThumbnailCache::decode(const QString& path, QString* error)
{
    QImageReader reader(path);
    reader.setAutoTransform(true);
    const QSize full = reader.size();
    if (full.isValid()) {
        reader.setScaledSize(full.scaled(QSize(kWidth, kMaxHeight), Qt::KeepAspectRatio).boundedTo(full));
    }
    QImage image = reader.read();
    if (image.isNull()) {
        if (error) {
            *error = reader.errorString();
        }
    } else if (image.width() < kMinWidth && image.height() < kMinWidth) {
        // A tiny picture (an icon, the sandbox's one-pixel images) would be a speck: show it larger.
        image = image.scaledToWidth(kMinWidth, Qt::FastTransformation);
    }
    return image;
}

void ThumbnailCache::start(qint64 id)
{
    if (!canFetch()) {
        return;
    }
    m_state.insert(id, State::Loading);
    // Asked from a model's data(): the fetch and its answer change the model, so they run from the
    // event loop.
    QMetaObject::invokeMethod(
        this,
        [this, id] {
            if (!canFetch()) {
                return;
            }
            const Callback<QString> fetched = [this, id](Result<QString> path) {
                if (!path) {
                    done(id, QImage(), path.error().message);
                    return;
                }
                auto* watcher = new QFutureWatcher<Decoded>(this);
                connect(watcher, &QFutureWatcher<Decoded>::finished, this, [this, watcher, id] {
                    const Decoded decoded = watcher->result();
                    watcher->deleteLater();
                    done(id, decoded.image, decoded.error);
                });
                watcher->setFuture(QtConcurrent::run(decodeFile, *path));
            };
            if (m_service) {
                m_service->fetchMedia(id, this, fetched);
            } else {
                m_fetcher(id, this, fetched);
            }
        },
        Qt::QueuedConnection);
}

bool ThumbnailCache::canFetch() const
{
    return m_service || m_fetcher;
}

void ThumbnailCache::done(qint64 id, const QImage& image, const QString& error)
{
    if (image.isNull()) {
        qCWarning(lcUi) << "thumbnail of message" << id << "not shown:" << error;
        m_state.insert(id, State::Failed);
        m_errors.insert(id, error);
    } else {
        m_state.insert(id, State::Ready);
        m_sizes.insert(id, image.size());
        m_images.insert(id, new QImage(image), qMin<qsizetype>(image.sizeInBytes(), INT_MAX));
    }
    emit changed(id);
}
