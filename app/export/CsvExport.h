#pragma once

#include "providers/Result.h"

#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>

class MessageReader;
class QIODevice;

// Spreadsheet-friendly CSV (RFC 4180): UTF-8 with a byte-order mark, a header row, ISO 8601 UTC
// times, and cells that a spreadsheet would run as a formula (= + - @) prefixed with a quote.
namespace CsvExport
{

// Shared by the thread that writes and the one that watches: how far it got, and a way to stop.
struct Progress
{
    std::atomic<int> total{-1}; // rows to write; -1 until counted
    std::atomic<int> written{0};
    std::atomic<bool> cancelled{false}; // checked between pages
};

// Both read page by page and write as they go, so a conversation of any length costs one page of
// memory. They run wherever `reader` lives (the StoreReader's thread in the console).

// A cancelled export fails with the code "export.cancelled".

// Every message of a conversation, oldest first.
Result<int>
writeConversation(MessageReader& reader, qint64 conversationId, QIODevice& out, Progress* progress = nullptr);
// Failed outbound messages created since `sinceMs`, newest first.
Result<int> writeFailures(MessageReader& reader, qint64 sinceMs, QIODevice& out, Progress* progress = nullptr);
// Runs `write` into `path` through a QSaveFile: the file appears whole or not at all.
Result<int> toFile(const QString& path, const std::function<Result<int>(QIODevice&)>& write);

// One CSV line (with CRLF) from the cells, quoted and guarded as above.
QByteArray line(const QStringList& cells);

} // namespace CsvExport
