#pragma once

#include "providers/Result.h"

#include <QByteArray>
#include <QString>

// Inbound media on disk, one file per message: "<message id>.<extension from the MIME type>".
class MediaCache
{
public:
    explicit MediaCache(QString folder);

    QString folder() const;
    // The cached file of a message, if one is there (any extension).
    QString find(qint64 messageId) const;
    // Writes the bytes atomically and gives the file's path.
    Result<QString> store(qint64 messageId, const QString& mimeType, const QByteArray& bytes) const;
    // "jpg" for image/jpeg, "bin" when the type is unknown.
    static QString extensionFor(const QString& mimeType);

private:
    QString m_folder;
};
