#pragma once

#include <QDateTime>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QString>

#include <deque>

struct LogEntry
{
    QDateTime time;
    QtMsgType level = QtInfoMsg;
    QString category;
    QString text;
};

// The last few thousand log lines, for the console's log panel. A Qt message handler feeds it
// from any thread (and still passes every line on to the previous handler, so stderr keeps
// them); listeners get new lines in batches on the buffer's thread, so a storm of logging
// cannot flood the GUI with one signal per line.
class LogBuffer : public QObject
{
    Q_OBJECT
public:
    static constexpr int kCapacity = 5000;

    // The process-wide buffer; install() once, after QCoreApplication exists.
    static LogBuffer* instance();
    static void install();

    QList<LogEntry> entries() const;
    void append(const LogEntry& entry); // thread-safe

signals:
    void appended(const QList<LogEntry>& batch);

private:
    explicit LogBuffer(QObject* parent = nullptr);
    void flush();

    mutable QMutex m_mutex;
    std::deque<LogEntry> m_entries;
    QList<LogEntry> m_pending;
    bool m_flushQueued = false;
};
