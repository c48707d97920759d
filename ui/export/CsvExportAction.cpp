#include "ui/export/CsvExportAction.h"

#include "app/export/CsvExportJob.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QProgressDialog>
#include <QStandardPaths>
#include <QTimer>

namespace
{

constexpr int kPollMs = 100;
// Quick exports finish before the dialog would show: no flash.
constexpr int kShowAfterMs = 400;

} // namespace

CsvExportAction::CsvExportAction(StoreReader* reader, QWidget* window)
    : QObject(window)
    , m_reader(reader)
    , m_window(window)
    , m_poll(new QTimer(this))
{
    m_poll->setInterval(kPollMs);
    connect(m_poll, &QTimer::timeout, this, &CsvExportAction::showProgress);
}

QString CsvExportAction::askForPath(const QString& title, const QString& fileName) const
{
    const QString suggested =
        QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + QLatin1Char('/') + fileName;
    return QFileDialog::getSaveFileName(m_window, title, suggested, tr("CSV files (*.csv)"));
}

void CsvExportAction::exportConversation(qint64 conversationId, const QString& fileName)
{
    if (const QString path = askForPath(tr("Export conversation"), fileName); !path.isEmpty()) {
        startConversation(conversationId, path);
    }
}

void CsvExportAction::exportFailures(qint64 sinceMs, const QString& fileName)
{
    if (const QString path = askForPath(tr("Export failures"), fileName); !path.isEmpty()) {
        startFailures(sinceMs, path);
    }
}

CsvExportJob* CsvExportAction::startConversation(qint64 conversationId, const QString& path)
{
    return watch(CsvExportJob::conversation(m_reader, conversationId, path, this));
}

CsvExportJob* CsvExportAction::startFailures(qint64 sinceMs, const QString& path)
{
    return watch(CsvExportJob::failures(m_reader, sinceMs, path, this));
}

CsvExportJob* CsvExportAction::watch(CsvExportJob* job)
{
    if (m_job) {
        m_job->cancel(); // one export at a time: the newest request wins
        m_job->deleteLater();
    }
    m_job = job;
    if (!m_progress) {
        m_progress = new QProgressDialog(m_window);
        m_progress->setObjectName(QStringLiteral("exportProgress"));
        m_progress->setWindowTitle(tr("Exporting"));
        m_progress->setAutoReset(false);
        m_progress->setAutoClose(false);
        connect(m_progress, &QProgressDialog::canceled, this, [this] {
            if (m_job) {
                m_job->cancel();
            }
        });
    }
    m_progress->reset();
    m_progress->setLabelText(tr("Writing %1…").arg(QFileInfo(job->path()).fileName()));
    m_progress->setRange(0, 0); // busy until the rows are counted
    m_progress->setMinimumDuration(kShowAfterMs);
    m_progress->setValue(0);
    m_poll->start();

    connect(job, &CsvExportJob::finished, this, [this, job](int rows, const QString& path) {
        if (settle(job)) {
            emit finished(rows, path);
        }
    });
    connect(job, &CsvExportJob::failed, this, [this, job](const Error& error) {
        if (!settle(job)) {
            return;
        }
        if (error.code == QLatin1String("export.cancelled")) {
            emit cancelled();
        } else {
            emit failed(error.message);
        }
    });
    job->start();
    return job;
}

bool CsvExportAction::settle(CsvExportJob* job)
{
    job->deleteLater();
    if (job != m_job) {
        return false; // replaced by a newer export: its outcome is nobody's news
    }
    m_job = nullptr;
    m_poll->stop();
    m_progress->reset();
    m_progress->hide();
    return true;
}

void CsvExportAction::showProgress()
{
    if (!m_job || !m_progress) {
        return;
    }
    if (const int total = m_job->total(); total > 0 && m_progress->maximum() != total) {
        m_progress->setMaximum(total);
    }
    if (m_progress->maximum() > 0) {
        m_progress->setValue(std::min(m_job->written(), m_progress->maximum()));
    }
}

bool CsvExportAction::isRunning() const
{
    return !m_job.isNull();
}

QProgressDialog* CsvExportAction::progressDialog() const
{
    return m_progress;
}
