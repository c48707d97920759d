#include "app/export/CsvExport.h"

#include "app/store/MessageReader.h"

#include <QDateTime>
#include <QIODevice>
#include <QSaveFile>

namespace
{

constexpr int kPage = 500;

QString cell(QString value)
{
    // A leading = + - @ (or tab/CR) makes spreadsheets evaluate the cell: neutralise it.
    if (!value.isEmpty() && QStringLiteral("=+-@\t\r").contains(value.front())) {
        value.prepend(QLatin1Char('\''));
    }
    if (value.contains(QLatin1Char(',')) || value.contains(QLatin1Char('"')) || value.contains(QLatin1Char('\n'))
        || value.contains(QLatin1Char('\r'))) {
        value.replace(QStringLiteral("\""), QStringLiteral("\"\""));
        value = QLatin1Char('"') + value + QLatin1Char('"');
    }
    return value;
}

QString isoTime(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs) : QString();
}

Result<void> write(QIODevice& out, const QByteArray& bytes)
{
    if (out.write(bytes) != bytes.size()) {
        return Unexpected(Error::make(Error::Kind::Permanent,
                                      QStringLiteral("export.write"),
                                      QObject::tr("Could not write the file: %1").arg(out.errorString())));
    }
    return {};
}

QStringList messageCells(const StoredMessage& m)
{
    return {isoTime(m.createdAt),
            StoreNames::direction(m.direction),
            m.contactE164,
            m.contactName,
            MessageTypes::toString(m.type),
            m.body,
            m.templateName,
            Status::toString(m.status),
            m.errorCode,
            m.errorMessage,
            m.provider,
            m.providerMessageId};
}

const QStringList kMessageHeader{QStringLiteral("created_at"),
                                 QStringLiteral("direction"),
                                 QStringLiteral("contact"),
                                 QStringLiteral("name"),
                                 QStringLiteral("type"),
                                 QStringLiteral("text"),
                                 QStringLiteral("template"),
                                 QStringLiteral("status"),
                                 QStringLiteral("error_code"),
                                 QStringLiteral("error_message"),
                                 QStringLiteral("provider"),
                                 QStringLiteral("provider_message_id")};

} // namespace

namespace CsvExport
{

QByteArray line(const QStringList& cells)
{
    QStringList quoted;
    quoted.reserve(cells.size());
    for (const QString& value : cells) {
        quoted << cell(value);
    }
    return quoted.join(QLatin1Char(',')).toUtf8() + "\r\n";
}

Result<int> writeConversation(MessageReader& reader, qint64 conversationId, QIODevice& out)
{
    if (auto ok = write(out, "\xEF\xBB\xBF" + line(kMessageHeader)); !ok) {
        return Unexpected(ok.error());
    }
    int written = 0;
    qint64 after = 0;
    for (;;) {
        const Result<QList<StoredMessage>> page = reader.conversationMessagesAfter(conversationId, after, kPage);
        if (!page) {
            return Unexpected(page.error());
        }
        for (const StoredMessage& message : *page) {
            if (auto ok = write(out, line(messageCells(message))); !ok) {
                return Unexpected(ok.error());
            }
            ++written;
        }
        if (page->size() < kPage) {
            return written;
        }
        after = page->last().id;
    }
}

Result<int> writeFailures(MessageReader& reader, qint64 sinceMs, QIODevice& out)
{
    const Result<QList<qint64>> ids = reader.failedMessageIds(sinceMs);
    if (!ids) {
        return Unexpected(ids.error());
    }
    if (auto ok = write(out, "\xEF\xBB\xBF" + line(kMessageHeader)); !ok) {
        return Unexpected(ok.error());
    }
    int written = 0;
    for (const qint64 id : std::as_const(*ids)) {
        const Result<StoredMessage> message = reader.message(id);
        if (!message) {
            return Unexpected(message.error());
        }
        if (auto ok = write(out, line(messageCells(*message))); !ok) {
            return Unexpected(ok.error());
        }
        ++written;
    }
    return written;
}

Result<int> toFile(const QString& path, const std::function<Result<int>(QIODevice&)>& write)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return Unexpected(Error::make(Error::Kind::Permanent,
                                      QStringLiteral("export.open"),
                                      QObject::tr("Could not open %1: %2").arg(path, file.errorString())));
    }
    const Result<int> written = write(file);
    if (!written) {
        file.cancelWriting();
        return written;
    }
    if (!file.commit()) {
        return Unexpected(Error::make(Error::Kind::Permanent,
                                      QStringLiteral("export.write"),
                                      QObject::tr("Could not write %1: %2").arg(path, file.errorString())));
    }
    return written;
}

} // namespace CsvExport
