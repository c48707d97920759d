#include "app/service/MediaFetcher.h"

#include "app/AppLogging.h"
#include "app/store/MessageReader.h"
#include "providers/Callback.h"

MediaFetcher::MediaFetcher(MessageReader* reader, QString cacheFolder, Provider* provider, QObject* parent)
    : QObject(parent)
    , m_reader(reader)
    , m_cache(std::move(cacheFolder))
    , m_provider(provider)
{
}

MediaFetcher::~MediaFetcher() = default;

void MediaFetcher::fetch(qint64 messageId, QObject* context, Callback<QString> done)
{
    const QPointer<QObject> ctx(context);
    const Result<StoredMessage> row = m_reader->message(messageId);
    if (!row) {
        deliverLater<QString>(ctx, done, Unexpected(row.error()));
        return;
    }
    if (row->mediaId.isEmpty() && row->mediaUrl.isEmpty()) {
        deliverLater<QString>(ctx,
                              done,
                              Unexpected(Error::validation(QStringLiteral("id"),
                                                           QStringLiteral("message %1 has no media").arg(messageId))));
        return;
    }
    if (const QString cached = m_cache.find(messageId); !cached.isEmpty()) {
        deliverLater<QString>(ctx, done, cached);
        return;
    }
    if (!m_provider || row->provider != m_provider->name()) {
        deliverLater<QString>(
            ctx,
            done,
            Unexpected(Error::make(Error::Kind::Configuration,
                                   QStringLiteral("media.provider"),
                                   QStringLiteral("the media of message %1 is at %2, not at the active provider")
                                       .arg(messageId)
                                       .arg(row->provider))));
        return;
    }
    MediaRef ref;
    ref.id = row->mediaId;
    ref.url = row->mediaUrl;
    ref.mimeType = row->mediaMime;
    const QString storedMime = row->mediaMime;
    m_provider->fetchMedia(ref, this, [this, messageId, storedMime, ctx, done](Result<MediaData> fetched) {
        if (!fetched) {
            qCWarning(lcService) << "media of message" << messageId << "could not be fetched:" << fetched.error().code;
            deliverLater<QString>(ctx, done, Unexpected(fetched.error()));
            return;
        }
        const QString mime = fetched->mimeType.isEmpty() ? storedMime : fetched->mimeType;
        deliverLater<QString>(ctx, done, m_cache.store(messageId, mime, fetched->bytes));
    });
}
