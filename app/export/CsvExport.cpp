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

// The header, then every page `nextPage` gives until a short one: one query per page, never per row.
Result<int>
writePages(QIODevice& out, CsvExport::Progress* progress, const std::function<Result<QList<StoredMessage>>()>& nextPage)
{
    if (auto ok = write(out, "\xEF\xBB\xBF" + CsvExport::line(kMessageHeader)); !ok) {
        return Unexpected(ok.error());
    }
    int written = 0;
    for (;;) {
        if (progress && progress->cancelled) {
            return Unexpected(Error::make(
                Error::Kind::Permanent, QStringLiteral("export.cancelled"), QObject::tr("The export was cancelled.")));
        }
        const Result<QList<StoredMessage>> page = nextPage();
        if (!page) {
            return Unexpected(page.error());
        }
        for (const StoredMessage& message : *page) {
            if (auto ok = write(out, CsvExport::line(messageCells(message))); !ok) {
                return Unexpected(ok.error());
            }
        }
        written += int(page->size());
        if (progress) {
            progress->written = written;
        }
        if (page->size() < kPage) {
            return written;
        }
    }
}

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

Result<int> writeConversation(MessageReader& reader, qint64 conversationId, QIODevice& out, Progress* progress)
{
    if (progress) {
        const Result<int> total = reader.conversationMessageCount(conversationId);
        if (!total) {
            return Unexpected(total.error());
        }
        progress->total = *total;
    }
    qint64 after = 0;
    return writePages(out, progress, [&]() -> Result<QList<StoredMessage>> {
        Result<QList<StoredMessage>> page = reader.conversationMessagesAfter(conversationId, after, kPage);
        if (page && !page->isEmpty()) {
            after = page->last().id;
        }
        return page;
    });
}

Result<int> writeFailures(MessageReader& reader, qint64 sinceMs, QIODevice& out, Progress* progress)
{
    if (progress) {
        const Result<int> total = reader.failedMessageCount(sinceMs);
        if (!total) {
            return Unexpected(total.error());
        }
        progress->total = *total;
    }
    qint64 before = 0;
    return writePages(out, progress, [&]() -> Result<QList<StoredMessage>> {
        Result<QList<StoredMessage>> page = reader.failedMessages(sinceMs, before, kPage);
        if (page && !page->isEmpty()) {
            before = page->last().id;
        }
        return page;
    });
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
