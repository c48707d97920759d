#include "ui/export/CsvExportAction.h"

#include "app/export/CsvExport.h"
#include "app/store/StoreReader.h"

#include <QFileDialog>
#include <QStandardPaths>

CsvExportAction::CsvExportAction(StoreReader* reader, QWidget* window)
    : QObject(window)
    , m_reader(reader)
    , m_window(window)
{
}

void CsvExportAction::run(const QString& title, const QString& fileName, Writer write)
{
    const QString suggested =
        QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + QLatin1Char('/') + fileName;
    const QString path = QFileDialog::getSaveFileName(m_window, title, suggested, tr("CSV files (*.csv)"));
    if (!path.isEmpty()) {
        writeTo(path, std::move(write));
    }
}

void CsvExportAction::writeTo(const QString& path, Writer write)
{
    ++m_running;
    m_reader->read<int>(
        this,
        [path, write = std::move(write)](MessageReader& reader) {
            return CsvExport::toFile(path, [&](QIODevice& out) { return write(reader, out); });
        },
        [this, path](Result<int> written) {
            --m_running;
            if (written) {
                emit finished(*written, path);
            } else {
                emit failed(written.error().message);
            }
        });
}

bool CsvExportAction::isRunning() const
{
    return m_running > 0;
}
