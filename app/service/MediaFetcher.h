#pragma once

#include "app/service/MediaCache.h"
#include "providers/Provider.h"

#include <QObject>
#include <QPointer>

class MessageReader;

// A stored message's media, downloaded through the provider that received it into the media
// cache (FLOWCHAT_MEDIA_CACHE) once, then served from there. Lives on the service's thread; every
// call returns at once and answers on `context`'s thread while `context` lives.
class MediaFetcher : public QObject
{
    Q_OBJECT
public:
    // `reader`: the service thread's read connection, shared with the service; it must outlive this.
    MediaFetcher(MessageReader* reader, QString cacheFolder, Provider* provider, QObject* parent = nullptr);
    ~MediaFetcher() override;

    // The path of the cached file. Errors: no such message, a message without media, media held by
    // another provider than this one, or the provider's own error (its code and reason) when the
    // download failed; nothing is cached then.
    void fetch(qint64 messageId, QObject* context, Callback<QString> done);

private:
    MessageReader* m_reader;
    MediaCache m_cache;
    QPointer<Provider> m_provider;
};
