#pragma once

#include "app/export/CsvExport.h"

#include <QObject>

#include <memory>

class StoreReader;

// One CSV export on the reader's thread: pages read and written as they come, progress readable
// at any time, cancellable between pages. The file appears whole or not at all. The caller's
// thread never waits: finished() or failed() follows start() (a cancelled export fails with the
// code "export.cancelled").
class CsvExportJob : public QObject
{
    Q_OBJECT
public:
    // Every message of a conversation, oldest first.
    static CsvExportJob* conversation(StoreReader* reader, qint64 conversationId, QString path, QObject* parent);
    // Failed outbound messages created since `sinceMs`, newest first.
    static CsvExportJob* failures(StoreReader* reader, qint64 sinceMs, QString path, QObject* parent);

    // Cancels a run still going: nobody is left to tell.
    ~CsvExportJob() override;

    void start();
    void cancel();
    QString path() const;
    // Rows written so far, and how many there are (-1 until counted).
    int written() const;
    int total() const;

signals:
    void finished(int rows, const QString& path);
    void failed(const Error& error);

private:
    using Write = std::function<Result<int>(MessageReader&, QIODevice&, CsvExport::Progress*)>;
    CsvExportJob(StoreReader* reader, QString path, Write write, QObject* parent);

    StoreReader* m_reader;
    QString m_path;
    Write m_write;
    // Shared with the reader thread, which may still hold it after this job is gone.
    std::shared_ptr<CsvExport::Progress> m_progress;
};
