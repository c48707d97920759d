#pragma once

#include <QObject>
#include <QPointer>

#include <functional>

class CsvExportJob;
class QProgressDialog;
class QTimer;
class QWidget;
class StoreReader;

// Saving a CSV the agent asked for, the same way from the console and the dashboard: the file
// dialog, then a CsvExportJob on the reader's thread (a long conversation never freezes the
// window) with a progress dialog and Cancel, then the outcome as a signal.
class CsvExportAction : public QObject
{
    Q_OBJECT
public:
    // `reader` must outlive the action; `window` parents the dialogs.
    CsvExportAction(StoreReader* reader, QWidget* window);

    // Asks where to save (suggesting `fileName` in the Documents folder), then exports.
    void exportConversation(qint64 conversationId, const QString& fileName);
    void exportFailures(qint64 sinceMs, const QString& fileName);
    // Without asking: tests and scripted exports. The job is running when this returns.
    CsvExportJob* startConversation(qint64 conversationId, const QString& path);
    CsvExportJob* startFailures(qint64 sinceMs, const QString& path);

    bool isRunning() const;
    QProgressDialog* progressDialog() const;

signals:
    void finished(int rows, const QString& path);
    void failed(const QString& message);
    void cancelled();

private:
    QString askForPath(const QString& title, const QString& fileName) const;
    CsvExportJob* watch(CsvExportJob* job);
    void showProgress();
    // The job has answered: it goes, and if it is the current one the progress closes (true).
    bool settle(CsvExportJob* job);

    StoreReader* m_reader;
    QPointer<QWidget> m_window;
    QPointer<CsvExportJob> m_job;
    QProgressDialog* m_progress = nullptr;
    QTimer* m_poll;
};
