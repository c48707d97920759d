#pragma once

#include "app/config/Config.h"
#include "app/headless/ServiceHost.h"

#include <QObject>

#include <functional>

class QThread;
class WhatsAppService;

// The console's service: exactly what `flowchat --headless` runs (ServiceHost: store, provider,
// service, HTTP API and outbox; on a team's database only the store and the service, as a
// client: ServiceOptions::TeamRole::Console), on a thread of its own, so webhooks are answered and messages
// sent while the window is busy or a modal dialog runs its own event loop. The GUI thread never
// waits on it: start() and stop() return at once and answer with signals and callbacks.
class ServiceThread : public QObject
{
    Q_OBJECT
public:
    explicit ServiceThread(Config config, QObject* parent = nullptr);
    // Stops a host still running, without grace: a console quits through stop() first.
    ~ServiceThread() override;

    // Starts the thread and the host on it; started() or failed() follows. Once only.
    void start();
    // Graceful stop of the host (in-flight sends and commits finish, at most `graceMs`), then the
    // host is destroyed on its own thread and the thread ends; `done` runs on this object's thread.
    // From here on service() is null and started() is not emitted, even if the host had started
    // and its news was still on its way here.
    void stop(int graceMs, std::function<void()> done);

    // The started service, living on the service thread (null until started). For ServiceClient.
    WhatsAppService* service() const;

signals:
    void started(const ServiceHostInfo& info);
    void failed(const Error& error);

private:
    // The thread has ended (the host is gone) or never ran: run what stop() was given.
    void finish();

    QThread* m_thread;
    ServiceHost* m_host; // lives on m_thread and is destroyed there; never touched from here after start()
    WhatsAppService* m_service = nullptr;
    std::function<void()> m_stopped;
    bool m_stopping = false;
    bool m_finished = false;
};
