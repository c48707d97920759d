#pragma once

#include "providers/Result.h"

#include <QObject>
#include <QPointer>

#include <functional>

class MessageReader;
class QIODevice;
class QWidget;
class StoreReader;

// Saving a CSV the agent asked for, the same way from the console and the dashboard: the file
// dialog, then the rows read and written on the reader's thread (a long conversation never
// freezes the window), then the outcome as a signal. The file appears whole or not at all.
class CsvExportAction : public QObject
{
    Q_OBJECT
public:
    using Writer = std::function<Result<int>(MessageReader& reader, QIODevice& out)>;

    // `reader` must outlive the action; `window` parents the file dialog.
    CsvExportAction(StoreReader* reader, QWidget* window);

    // Asks where to save, suggesting `fileName` in the Documents folder, then writes.
    void run(const QString& title, const QString& fileName, Writer write);
    // Writes to `path` without asking.
    void writeTo(const QString& path, Writer write);
    bool isRunning() const;

signals:
    void finished(int rows, const QString& path);
    void failed(const QString& message);

private:
    StoreReader* m_reader;
    QPointer<QWidget> m_window;
    int m_running = 0;
};
