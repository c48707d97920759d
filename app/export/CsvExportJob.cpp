#include "app/export/CsvExportJob.h"

#include "app/store/StoreReader.h"

CsvExportJob* CsvExportJob::conversation(StoreReader* reader, qint64 conversationId, QString path, QObject* parent)
{
    return new CsvExportJob(
        reader,
        std::move(path),
        [conversationId](MessageReader& store, QIODevice& out, CsvExport::Progress* progress) {
            return CsvExport::writeConversation(store, conversationId, out, progress);
        },
        parent);
}

CsvExportJob* CsvExportJob::failures(StoreReader* reader, qint64 sinceMs, QString path, QObject* parent)
{
    return new CsvExportJob(
        reader,
        std::move(path),
        [sinceMs](MessageReader& store, QIODevice& out, CsvExport::Progress* progress) {
            return CsvExport::writeFailures(store, sinceMs, out, progress);
        },
        parent);
}

CsvExportJob::CsvExportJob(StoreReader* reader, QString path, Write write, QObject* parent)
    : QObject(parent)
    , m_reader(reader)
    , m_path(std::move(path))
    , m_write(std::move(write))
    , m_progress(std::make_shared<CsvExport::Progress>())
{
}

CsvExportJob::~CsvExportJob()
{
    cancel();
}

void CsvExportJob::start()
{
    m_reader->read<int>(
        this,
        [path = m_path, write = m_write, progress = m_progress](MessageReader& reader) {
            return CsvExport::toFile(path, [&](QIODevice& out) { return write(reader, out, progress.get()); });
        },
        [this](Result<int> written) {
            if (written) {
                emit finished(*written, m_path);
            } else {
                emit failed(written.error());
            }
        });
}

void CsvExportJob::cancel()
{
    m_progress->cancelled = true;
}

QString CsvExportJob::path() const
{
    return m_path;
}

int CsvExportJob::written() const
{
    return m_progress->written;
}

int CsvExportJob::total() const
{
    return m_progress->total;
}
