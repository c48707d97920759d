#include "app/logging/LogBuffer.h"

#include <QCoreApplication>
#include <QMetaObject>

namespace
{

QtMessageHandler g_previous = nullptr;

void handleMessage(QtMsgType type, const QMessageLogContext& context, const QString& text)
{
    LogBuffer::instance()->append({QDateTime::currentDateTime(),
                                   type,
                                   QString::fromLatin1(context.category ? context.category : "default"),
                                   text});
    if (g_previous) {
        g_previous(type, context, text);
    }
}

} // namespace

LogBuffer::LogBuffer(QObject* parent)
    : QObject(parent)
{
}

LogBuffer* LogBuffer::instance()
{
    static LogBuffer* buffer = [] {
        auto* created = new LogBuffer;
        if (QCoreApplication::instance()) {
            created->moveToThread(QCoreApplication::instance()->thread());
        }
        return created;
    }();
    return buffer;
}

void LogBuffer::install()
{
    static bool installed = false;
    if (!installed) {
        installed = true;
        instance();
        g_previous = qInstallMessageHandler(handleMessage);
    }
}

QList<LogEntry> LogBuffer::entries() const
{
    const QMutexLocker lock(&m_mutex);
    return QList<LogEntry>(m_entries.cbegin(), m_entries.cend());
}

void LogBuffer::append(const LogEntry& entry)
{
    bool queue = false;
    {
        const QMutexLocker lock(&m_mutex);
        m_entries.push_back(entry);
        if (m_entries.size() > kCapacity) {
            m_entries.pop_front();
        }
        m_pending.append(entry);
        if (m_pending.size() > kCapacity) {
            m_pending.removeFirst();
        }
        queue = !m_flushQueued;
        m_flushQueued = true;
    }
    if (queue) {
        QMetaObject::invokeMethod(this, &LogBuffer::flush, Qt::QueuedConnection);
    }
}

void LogBuffer::flush()
{
    QList<LogEntry> batch;
    {
        const QMutexLocker lock(&m_mutex);
        batch.swap(m_pending);
        m_flushQueued = false;
    }
    if (!batch.isEmpty()) {
        emit appended(batch);
    }
}
