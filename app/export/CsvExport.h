#pragma once

#include "providers/Result.h"

#include <QString>
#include <QStringList>

class QIODevice;

// Spreadsheet-friendly CSV (RFC 4180): UTF-8 with a byte-order mark, a header row, ISO 8601 UTC
// times, and cells that a spreadsheet would run as a formula (= + - @) prefixed with a quote.
namespace CsvExport
{

// Every message of a conversation, oldest first.
Result<int> writeConversation(const QString& databasePath, qint64 conversationId, QIODevice& out);
// Failed outbound messages created since `sinceMs`, newest first.
Result<int> writeFailures(const QString& databasePath, qint64 sinceMs, QIODevice& out);

// One CSV line (with CRLF) from the cells, quoted and guarded as above.
QByteArray line(const QStringList& cells);

} // namespace CsvExport
