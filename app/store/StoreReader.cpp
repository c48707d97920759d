#include "app/store/StoreReader.h"

#include <QThread>

StoreReader::StoreReader(QString databasePath, QObject* parent)
    : QObject(parent)
    , m_path(std::move(databasePath))
    , m_thread(new QThread)
    , m_worker(new QObject)
    , m_reader(std::make_unique<MessageReader>(m_path))
{
    m_thread->setObjectName(QStringLiteral("flowchat-store-reader"));
    m_worker->moveToThread(m_thread);
    m_thread->start();
}

StoreReader::~StoreReader()
{
    m_stopping = true;
    // The connection belongs to the reader thread: close it there, after what is queued.
    QMetaObject::invokeMethod(
        m_worker,
        [this] {
            m_reader.reset();
            m_thread->quit();
        },
        Qt::QueuedConnection);
    m_thread->wait();
    delete m_worker;
    delete m_thread;
}

QString StoreReader::databasePath() const
{
    return m_path;
}

void StoreReader::setReadDelayForTesting(int ms)
{
    m_delayMs = ms;
}

void StoreReader::enqueue(std::function<void(MessageReader&)> run, ResultRelay* relay)
{
    QMetaObject::invokeMethod(
        m_worker,
        [this, run = std::move(run), relay] {
            if (m_stopping) {
                delete relay; // nobody hears of it: the caller is going away with us
                return;
            }
            if (const int delay = m_delayMs; delay > 0) {
                QThread::msleep(delay);
            }
            run(*m_reader);
            ResultRelay::send(relay);
        },
        Qt::QueuedConnection);
}
