#include "app/service/MediaCache.h"

#include <QDir>
#include <QFileInfo>
#include <QMimeDatabase>
#include <QSaveFile>

MediaCache::MediaCache(QString folder)
    : m_folder(std::move(folder))
{
}

QString MediaCache::folder() const
{
    return m_folder;
}

QString MediaCache::find(qint64 messageId) const
{
    const QDir dir(m_folder);
    const QFileInfoList files = dir.entryInfoList({QString::number(messageId) + QStringLiteral(".*")}, QDir::Files);
    for (const QFileInfo& file : files) {
        if (file.size() > 0) {
            return file.absoluteFilePath();
        }
    }
    return {};
}

Result<QString> MediaCache::store(qint64 messageId, const QString& mimeType, const QByteArray& bytes) const
{
    Error error;
    error.kind = Error::Kind::Permanent;
    error.code = QStringLiteral("media.cache");
    if (m_folder.isEmpty() || !QDir().mkpath(m_folder)) {
        error.message = QStringLiteral("cannot create the media folder %1").arg(m_folder);
        return Unexpected(error);
    }
    const QString path =
        QDir(m_folder).absoluteFilePath(QString::number(messageId) + QLatin1Char('.') + extensionFor(mimeType));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        error.message = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return Unexpected(error);
    }
    return path;
}

QString MediaCache::extensionFor(const QString& mimeType)
{
    const QString name = mimeType.section(QLatin1Char(';'), 0, 0).trimmed().toLower();
    if (name == QLatin1String("image/jpeg")) {
        return QStringLiteral("jpg"); // the database prefers "jpeg"
    }
    if (name == QLatin1String("audio/ogg")) {
        return QStringLiteral("ogg"); // voice notes: audio/ogg; codecs=opus
    }
    const QMimeType type = QMimeDatabase().mimeTypeForName(name);
    const QString suffix = type.isValid() ? type.preferredSuffix() : QString();
    return suffix.isEmpty() ? QStringLiteral("bin") : suffix;
}
