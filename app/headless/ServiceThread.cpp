#include "app/headless/ServiceThread.h"

#include <QThread>

#include <utility>

ServiceThread::ServiceThread(Config config, QObject* parent)
    : QObject(parent)
    , m_thread(new QThread)
    , m_host(new ServiceHost(std::move(config)))
{
    m_thread->setObjectName(QStringLiteral("flowchat-service"));
    m_host->setTeamRole(ServiceOptions::TeamRole::Console);
    m_host->moveToThread(m_thread);
    // Everything the host builds is a child of it, so it all lives on the service thread.
    connect(m_host, &ServiceHost::started, this, [this](const ServiceHostInfo& info) {
        // Queued here: stop() may have come first, and the host may be going away on its thread.
        if (m_stopping) {
            return;
        }
        m_service = m_host->service();
        emit started(info);
    });
    connect(m_host, &ServiceHost::failed, this, &ServiceThread::failed);
    connect(m_thread, &QThread::finished, this, &ServiceThread::finish);
}

ServiceThread::~ServiceThread()
{
    if (m_thread->isRunning()) {
        ServiceHost* host = m_host;
        QMetaObject::invokeMethod(
            host, [host] { delete host; }, Qt::QueuedConnection);
        m_thread->quit();
        m_thread->wait();
    } else if (!m_finished) {
        delete m_host; // never started
    }
    delete m_thread;
}

void ServiceThread::start()
{
    m_thread->start();
    QMetaObject::invokeMethod(m_host, &ServiceHost::start, Qt::QueuedConnection);
}

void ServiceThread::stop(int graceMs, std::function<void()> done)
{
    m_stopping = true;
    m_service = nullptr;
    m_stopped = std::move(done);
    if (!m_thread->isRunning()) {
        if (!m_finished) {
            delete m_host;
        }
        finish();
        return;
    }
    ServiceHost* host = m_host;
    QThread* thread = m_thread;
    QMetaObject::invokeMethod(
        host,
        [host, thread, graceMs] {
            QObject::connect(host, &ServiceHost::stopped, host, [host, thread] {
                // Out of the host's own signal first: the host and all it built go on their thread,
                // then the thread ends.
                QObject::connect(host, &QObject::destroyed, thread, &QThread::quit, Qt::DirectConnection);
                host->deleteLater();
            });
            host->stop(graceMs);
        },
        Qt::QueuedConnection);
}

void ServiceThread::finish()
{
    m_finished = true;
    m_service = nullptr;
    if (m_stopped) {
        std::exchange(m_stopped, nullptr)();
    }
}

WhatsAppService* ServiceThread::service() const
{
    return m_service;
}
